package io.elevate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A record's detail told as labelled facts")
class AuditFieldsTest {

    private static List<String> told(String detail) {
        return AuditFields.read(detail).orElseThrow().stream().map(f -> f.getKey() + "|" + f.getValue()).toList();
    }

    @Nested
    @DisplayName("given the detail of another writer than the transition core")
    class OtherWriters {

        @Test
        @DisplayName("then a failed revocation reads as role, state, attempts, times in the portal's format and the error")
        void revocation() {
            assertThat(told("{role=arn:aws:iam::123456789012:role/Admin, state=FAILED, attempts=2,"
                    + " nextAttemptAt=2026-12-05T06:30:00Z, error=AccessDenied: not allowed, sorry,"
                    + " pruneAfter=2026-12-06T06:30:00Z}")).containsExactly(
                    "role|arn:aws:iam::123456789012:role/Admin", "state|FAILED", "attempts|2",
                    "nextAttemptAt|2026-12-05 06:30 UTC", "pruneAfter|2026-12-06 06:30 UTC",
                    "error|AccessDenied: not allowed, sorry");
        }

        @Test
        @DisplayName("then an OS password step keeps its step name and its remark as facts of their own")
        void osCredential() {
            assertThat(told("DeleteParameter: {instance=i-0abc, region=eu-west-1, user=ops, parameter=/elevate/x,"
                    + " state=DELETED} (it was not there)")).containsExactly("step|DeleteParameter",
                    "instance|i-0abc", "region|eu-west-1", "user|ops", "parameter|/elevate/x", "state|DELETED",
                    "note|it was not there");
        }

        @Test
        @DisplayName("then a limit's refusal leaves out the action and actor the sentence already says")
        void limit() {
            assertThat(told("{action=BREAK_GLASS_LIMITED, policy=p-1, actor=alice, breakGlass=true,"
                    + " retryAfterSeconds=60}")).containsExactly("policy|p-1", "retryAfterSeconds|60",
                    "breakGlass|true");
        }

        @Test
        @DisplayName("then a policy change reads as the policy, its name and what changed")
        void policyChange() {
            assertThat(told("{policy=p-1, name=Web, servers, changed=approvalsRequired: 2 → 1}"))
                    .containsExactly("policy|p-1", "name|Web, servers", "changed|approvalsRequired: 2 → 1");
        }
    }

    @Nested
    @DisplayName("given another shape")
    class OtherShapes {

        @Test
        @DisplayName("then a transition's detail, an unknown or repeated key, a cut text or no braces is not read")
        void notRead() {
            assertThat(AuditFields.read("{action=REQUESTED, status=REQUESTED, requester=u-1, actor=alice}")).isEmpty();
            assertThat(AuditFields.read("{role=r, colour=red}")).isEmpty();
            assertThat(AuditFields.read("{role=r, role=s}")).isEmpty();
            assertThat(AuditFields.read("{role=r, state=PENDING, attempts=1…")).isEmpty();
            assertThat(AuditFields.read("break-glass OS credential 1")).isEmpty();
            assertThat(AuditFields.read("{}")).isEmpty();
            assertThat(AuditFields.read(null)).isEmpty();
        }
    }
}
