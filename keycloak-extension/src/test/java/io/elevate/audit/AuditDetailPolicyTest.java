package io.elevate.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The policy an audit record without a window is about")
class AuditDetailPolicyTest {

    private static final String POLICY = "0b7c4a8e-3d1f-4f6a-9c2e-5a1b2c3d4e5f";

    @Test
    @DisplayName("given a refusal's detail naming the policy, first or later, then that policy")
    void named() {
        Map<String, String> denied = new LinkedHashMap<>();
        denied.put("rule", "no night shift");
        denied.put("policy", POLICY);
        denied.put("reason", "not at night");

        assertThat(AuditLog.policyOf(denied.toString())).isEqualTo(POLICY);
        assertThat(AuditLog.policyOf("{policy=" + POLICY + ", rule=x}")).isEqualTo(POLICY);
        assertThat(AuditLog.policyOf("{action=BREAK_GLASS_LIMITED, policy=" + POLICY + ", actor=op}")).isEqualTo(POLICY);
    }

    @Test
    @DisplayName("given no policy, a policy only inside a value, or two different ones, then none")
    void none() {
        assertThat(AuditLog.policyOf(null)).isNull();
        assertThat(AuditLog.policyOf("{rule=x, reason=not at night}")).isNull();
        assertThat(AuditLog.policyOf("{reason=see policy=abc}")).isNull();
        assertThat(AuditLog.policyOf("{policy=" + POLICY + ", rule=x, policy=other}")).isNull();
    }

    @Test
    @DisplayName("given free text (reason, error) that looks like a policy or a break-glass flag, then only the fields before it count")
    void freeTextCannotMoveARecord() {
        assertThat(AuditLog.policyOf("{action=DENIED, actor=op, policy=" + POLICY + ", rule=x, reason=a, policy=other}"))
                .isEqualTo(POLICY);
        assertThat(AuditLog.policyOf("{action=RULE_ERROR, actor=op, rule=x, error=b, policy=" + POLICY + "}")).isNull();
        assertThat(AuditLog.breakGlassOf("{action=DENIED, actor=op, policy=p, breakGlass=true, rule=x, reason=a,"
                + " breakGlass=false}")).isTrue();
        assertThat(AuditLog.breakGlassOf("{action=DENIED, actor=op, policy=p, rule=x, reason=a, breakGlass=true}"))
                .isNull();
    }
}
