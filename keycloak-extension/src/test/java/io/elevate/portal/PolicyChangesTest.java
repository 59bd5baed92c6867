package io.elevate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("What a change of a policy changed")
class PolicyChangesTest {

    private static final Map<String, List<String>> BEFORE = Map.of("approvalsRequired", List.of("2"),
            "approverGroups", List.of("/leads"), "accountId", List.of("123456789012"));

    @Nested
    @DisplayName("given a policy edited")
    class Edited {

        @Test
        @DisplayName("then each setting that differs is named, before → after, the name first, the others unsaid")
        void differences() {
            Map<String, List<String>> after = Map.of("approvalsRequired", List.of("1"),
                    "approverGroups", List.of("/leads", "/security"), "accountId", List.of("123456789012"));

            assertThat(PolicyChanges.between("Web", BEFORE, "Web servers", after, Set.of(), 1000))
                    .isEqualTo("name: Web → Web servers; approvalsRequired: 2 → 1; approverGroups: /leads → /leads, /security");
        }

        @Test
        @DisplayName("then nothing changed says so, a secret says only that it changed, and lines are one space")
        void nothingSecretAndLines() {
            assertThat(PolicyChanges.between("Web", BEFORE, "Web", BEFORE, Set.of(), 1000)).isEqualTo("nothing");
            assertThat(PolicyChanges.between("Web", Map.of("key", List.of("a")), "Web", Map.of("key", List.of("b")),
                    Set.of("key"), 1000)).isEqualTo("key: (changed)");
            assertThat(PolicyChanges.between("Web", Map.of(), "Web", Map.of("denyRules", List.of("[\n  {\"a\": 1}\n]")),
                    Set.of(), 1000)).isEqualTo("denyRules: – → [ {\"a\": 1} ]");
        }

        @Test
        @DisplayName("then the text stays within its budget, saying how many changes it leaves out")
        void budget() {
            Map<String, List<String>> after = Map.of("approvalsRequired", List.of("1"),
                    "approverGroups", List.of("/x".repeat(100)), "accountId", List.of("210987654321"));

            String text = PolicyChanges.between("Web", BEFORE, "Web", after, Set.of(), 80);

            assertThat(text).hasSizeLessThanOrEqualTo(80)
                    .isEqualTo("accountId: 123456789012 → 210987654321; approvalsRequired: 2 → 1; and 1 more");
        }
    }

    @Test
    @DisplayName("given a policy created or deleted, then its settings are named from or to nothing")
    void createdAndDeleted() {
        assertThat(PolicyChanges.between(null, Map.of(), "Web", Map.of("approvalsRequired", List.of("2")), Set.of(),
                1000)).isEqualTo("name: – → Web; approvalsRequired: – → 2");
        assertThat(PolicyChanges.between("Web", Map.of("approvalsRequired", List.of("2")), null, Map.of(), Set.of(),
                1000)).isEqualTo("name: Web → –; approvalsRequired: 2 → –");
    }
}
