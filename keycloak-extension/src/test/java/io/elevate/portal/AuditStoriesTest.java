package io.elevate.portal;

import io.elevate.window.Approval;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The history's approvals so far")
class AuditStoriesTest {

    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    private static Approval approval(int round, int minute) {
        return new Approval(round, "u" + round + minute, "approver", T.plusSeconds(60L * minute), null, 1);
    }

    @Test
    @DisplayName("then a record counts only the approvals of its own round, given by then")
    void ownRound() {
        List<Approval> approvals = List.of(approval(0, 1), approval(0, 2), approval(1, 11));
        List<Instant> extensionAsked = List.of(T.plusSeconds(600));

        assertThat(AuditStories.approvalsSoFar(approvals, extensionAsked, T.plusSeconds(120))).isEqualTo(2);
        assertThat(AuditStories.approvalsSoFar(approvals, extensionAsked, T.plusSeconds(600))).as("extension asked")
                .isZero();
        assertThat(AuditStories.approvalsSoFar(approvals, extensionAsked, T.plusSeconds(660))).isEqualTo(1);
        assertThat(AuditStories.approvalsSoFar(approvals, List.of(), T.plusSeconds(90))).isEqualTo(1);
    }
}
