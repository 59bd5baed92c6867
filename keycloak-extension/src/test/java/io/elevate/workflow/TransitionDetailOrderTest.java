package io.elevate.workflow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The transition core's audit detail")
class TransitionDetailOrderTest {

    @Test
    @DisplayName("then the extras come in the order the audit reads them, the person's words always last")
    void reasonLast() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("reason", "ok, stage=9");
        extra.put("decision", "within hours");
        extra.put("zeta", "z");
        extra.put("rule", "office hours");
        extra.put("stage", "1 of 2 (Leads)");
        extra.put("policy", "p");

        assertThat(Transitions.ordered(extra).keySet())
                .containsExactly("policy", "stage", "rule", "decision", "zeta", "reason");
        assertThat(Transitions.ordered(Map.of("reason", "r", "rule", "x", "policy", "p")).keySet())
                .containsExactly("policy", "rule", "reason");
    }
}
