package io.elevate.workflow;

import io.elevate.audit.AuditRecord;
import io.elevate.audit.TransitionDetail;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A transition's stored detail")
class TransitionTextTest {

    @Test
    @DisplayName("given the longest reason a person may give, in characters outside the BMP, then it is stored whole and"
            + " the history reads it back")
    void theLongestReasonIsKeptWhole() {
        String reason = "🔥".repeat(1024);
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("action", "APPROVED");
        detail.put("status", "APPROVED");
        detail.put("requester", "0b7c4a8e-3d1f-4f6a-9c2e-5a1b2c3d4e5f");
        detail.put("actor", "anna");
        detail.put("reason", reason);

        String stored = Transitions.describe(detail);

        assertThat(stored).hasSizeGreaterThan(2048).doesNotContain("…").endsWith(reason + "}");
        AuditRecord record = new AuditRecord("a1", Instant.EPOCH, "APPROVED", "w-1", "u-1", "anna", null, stored);
        assertThat(TransitionDetail.parse(record)).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo(reason));
    }
}
