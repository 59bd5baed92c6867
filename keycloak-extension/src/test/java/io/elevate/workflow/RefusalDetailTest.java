package io.elevate.workflow;

import io.elevate.audit.AuditLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The audit detail of a refusal that leaves no window")
class RefusalDetailTest {

    private static final ElevationPolicy POLICY = PolicyConfig.read("p-1", "Web", PolicyConfigTest.valid()).policy();

    @Test
    @DisplayName("given a refused break-glass attempt, then the history's break-glass filter finds it")
    void breakGlassRefusalsSaySo() {
        assertThat(AuditLog.breakGlassOf(RequestLimits.detail("BREAK_GLASS_LIMITED", "p-1", "op",
                Duration.ofMinutes(5)))).isTrue();
        Map<String, String> denied = NewRequests.refusal(POLICY, true, "rule", "night", "reason", "not at night");
        assertThat(AuditLog.breakGlassOf(denied.toString())).isTrue();
    }

    @Test
    @DisplayName("given a refused ordinary request, then it says nothing of break-glass")
    void ordinaryRefusalsDoNot() {
        assertThat(AuditLog.breakGlassOf(RequestLimits.detail("REQUEST_LIMITED", "p-1", "op",
                Duration.ofMinutes(5)))).isNull();
        assertThat(NewRequests.refusal(POLICY, false, "rule", "night", "reason", "x"))
                .containsOnlyKeys(List.of("policy", "rule", "reason"));
    }
}
