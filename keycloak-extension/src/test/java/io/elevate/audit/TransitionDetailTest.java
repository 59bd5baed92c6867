package io.elevate.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A transition's audit detail")
class TransitionDetailTest {

    private static final String REQUESTER = "326fa204-5b1e-4c1e-9d6a-0123456789ab";

    private static AuditRecord record(String action, String actor, String detail) {
        return new AuditRecord("id", Instant.EPOCH, action, "w", "a", actor, "10.0.0.1", detail);
    }

    @Nested
    @DisplayName("given the transition core's shape")
    class CoreShape {

        @Test
        @DisplayName("then the reason is everything after reason= up to the closing brace, commas and braces included")
        void reasonWithPunctuation() {
            String reason = "INC1, restart {web}, actor=mallory, status=APPROVED";
            var parsed = TransitionDetail.parse(record("REQUESTED", "alice", "{action=REQUESTED, status=REQUESTED,"
                    + " requester=" + REQUESTER + ", actor=alice, reason=" + reason + "}"));

            assertThat(parsed).hasValueSatisfying(p -> {
                assertThat(p.reason()).isEqualTo(reason);
                assertThat(p.status()).isEqualTo("REQUESTED");
                assertThat(p.requesterId()).isEqualTo(REQUESTER);
            });
        }

        @Test
        @DisplayName("then a detail without a reason has none")
        void noReason() {
            var parsed = TransitionDetail.parse(record("EXPIRED", "system", "{action=EXPIRED, status=EXPIRED,"
                    + " requester=" + REQUESTER + ", actor=system}"));

            assertThat(parsed).hasValueSatisfying(p -> assertThat(p.reason()).isNull());
        }
    }

    @Nested
    @DisplayName("given extras before the reason")
    class Extras {

        @Test
        @DisplayName("then a staged approval's stage is read apart from the person's words")
        void stage() {
            var parsed = TransitionDetail.parse(record("APPROVAL_ADDED", "bob", "{action=APPROVAL_ADDED,"
                    + " status=REQUESTED, requester=" + REQUESTER + ", actor=bob, stage=1 of 2 (Leads), reason=ok"
                    + ", stage=3}"));

            assertThat(parsed).hasValueSatisfying(p -> {
                assertThat(p.stage()).isEqualTo("1 of 2 (Leads)");
                assertThat(p.reason()).isEqualTo("ok, stage=3");
            });
        }

        @Test
        @DisplayName("then an automatic approval's rule and decision are read, with or without a justification")
        void autoApproved() {
            String head = "{action=AUTO_APPROVED, status=APPROVED, requester=" + REQUESTER
                    + ", actor=alice, rule=office hours, decision=within office hours";

            assertThat(TransitionDetail.parse(record("AUTO_APPROVED", "alice", head + "}"))).hasValueSatisfying(p -> {
                assertThat(p.rule()).isEqualTo("office hours");
                assertThat(p.decision()).isEqualTo("within office hours");
                assertThat(p.reason()).isNull();
            });
            assertThat(TransitionDetail.parse(record("AUTO_APPROVED", "alice", head + ", reason=INC1}")))
                    .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("INC1"));
        }

        @Test
        @DisplayName("then what a new window grants (role chaining, the shell's user) is read apart from the reason")
        void grants() {
            var parsed = TransitionDetail.parse(record("REQUESTED", "alice", "{action=REQUESTED, status=REQUESTED,"
                    + " requester=" + REQUESTER + ", actor=alice, roleChaining=allowed, runAsUser=ops, reason=INC1}"));

            assertThat(parsed).hasValueSatisfying(p -> {
                assertThat(p.reason()).isEqualTo("INC1");
                assertThat(p.more()).containsEntry("roleChaining", "allowed").containsEntry("runAsUser", "ops");
            });
        }

        @Test
        @DisplayName("then a refused break-glass attempt is read, its breakGlass apart from the reason")
        void refusedBreakGlass() {
            assertThat(TransitionDetail.parse(record("DENIED", "alice", "{action=DENIED, actor=alice, policy=p-1,"
                    + " rule=no weekends, breakGlass=true, reason=not on a weekend}"))).hasValueSatisfying(p -> {
                        assertThat(p.reason()).isEqualTo("not on a weekend");
                        assertThat(p.policyId()).isEqualTo("p-1");
                        assertThat(p.more()).containsEntry("breakGlass", "true");
                    });
            assertThat(TransitionDetail.parse(record("DENIED", "alice", "{action=DENIED, actor=alice, policy=p-1,"
                    + " rule=no weekends, breakGlass=maybe, reason=x}"))).isEmpty();
        }

        @Test
        @DisplayName("then an older row, extras after the reason, still reads (the extras as part of the reason)")
        void olderRow() {
            var parsed = TransitionDetail.parse(record("APPROVAL_ADDED", "bob", "{action=APPROVAL_ADDED,"
                    + " status=REQUESTED, requester=" + REQUESTER + ", actor=bob, reason=ok, stage=1 of 2 (Leads)}"));

            assertThat(parsed).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("ok, stage=1 of 2 (Leads)"));
        }

        @Test
        @DisplayName("then a deny rule's and a failed rule's refusal are read: policy, rule, reason or error")
        void refusals() {
            assertThat(TransitionDetail.parse(record("DENIED", "alice", "{action=DENIED, actor=alice,"
                    + " policy=p-1, rule=no weekends, reason=not on a weekend, please}"))).hasValueSatisfying(p -> {
                        assertThat(p.status()).isNull();
                        assertThat(p.requesterId()).isNull();
                        assertThat(p.policyId()).isEqualTo("p-1");
                        assertThat(p.rule()).isEqualTo("no weekends");
                        assertThat(p.reason()).isEqualTo("not on a weekend, please");
                    });
            assertThat(TransitionDetail.parse(record("RULE_ERROR", "alice", "{action=RULE_ERROR, actor=alice,"
                    + " policy=p-1, rule=broken, error=no such field}"))).hasValueSatisfying(p -> {
                        assertThat(p.rule()).isEqualTo("broken");
                        assertThat(p.reason()).isEqualTo("no such field");
                    });
            assertThat(TransitionDetail.parse(record("DENIED", "bob", "{action=DENIED, actor=alice,"
                    + " policy=p-1, rule=r, reason=x}"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("given another shape")
    class OtherShapes {

        @Test
        @DisplayName("then an actor that is not the record's, another action, or a cut text is not read")
        void notTheRecords() {
            String detail = "{action=APPROVED, status=APPROVED, requester=" + REQUESTER + ", actor=bob, reason=ok}";

            assertThat(TransitionDetail.parse(record("APPROVED", "alice", detail))).isEmpty();
            assertThat(TransitionDetail.parse(record("REJECTED", "bob", detail))).isEmpty();
            assertThat(TransitionDetail.parse(record("APPROVED", "bob", detail.substring(0, detail.length() - 1)
                    + "…"))).isEmpty();
        }

        @Test
        @DisplayName("then an outbox's or a limit's detail, or none, is not read")
        void otherWriters() {
            assertThat(TransitionDetail.parse(record("REVOCATION_FAILED", "system",
                    "{role=arn:aws:iam::123456789012:role/R, state=FAILED, attempts=2}"))).isEmpty();
            assertThat(TransitionDetail.parse(record("REQUEST_LIMITED", "alice",
                    "{action=REQUEST_LIMITED, policy=p, actor=alice, retryAfterSeconds=5}"))).isEmpty();
            assertThat(TransitionDetail.parse(record("REQUESTED", "alice", null))).isEmpty();
        }
    }
}
