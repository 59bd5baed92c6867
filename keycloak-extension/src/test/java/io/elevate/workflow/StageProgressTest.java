package io.elevate.workflow;

import io.elevate.window.Approval;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A request's way through its policy's approval stages")
class StageProgressTest {

    private static ElevationPolicy staged(boolean sameApprover) {
        Map<String, List<String>> config = PolicyConfigTest.valid();
        config.remove("approverGroups");
        config.put("approvalStages", List.of("[{\"name\": \"lead\", \"approverGroups\": [\"/leads\"]},"
                + " {\"name\": \"security\", \"approverGroups\": [\"/security\"], \"approvalsRequired\": 2}]"));
        config.put("sameApproverAcrossStages", List.of(String.valueOf(sameApprover)));
        return PolicyConfig.read("p1", "Web", config).policy();
    }

    private static Approval approval(int round, String who, int stage) {
        return new Approval(round, who, who, Instant.EPOCH, null, stage);
    }

    @Test
    @DisplayName("given no approval yet, then the request waits for stage 1")
    void startsAtStageOne() {
        StageProgress progress = StageProgress.of(staged(false), List.of(), 0);
        assertThat(progress.current()).map(ApprovalStage::name).contains("lead");
        assertThat(progress.refusal("sam", false)).get().extracting(o -> ((Outcome.Refused) o).message())
                .asString().contains("waits for stage 1 (lead)");
    }

    @Test
    @DisplayName("given stage 1's quorum met, then stage 2 is current and its quorum counts only its own votes")
    void movesOn() {
        List<Approval> approvals = List.of(approval(0, "lee", 1), approval(0, "sam", 2));
        StageProgress progress = StageProgress.of(staged(false), approvals, 0);
        assertThat(progress.current()).map(ApprovalStage::number).contains(2);
        assertThat(progress.count(2)).isEqualTo(1);
        assertThat(progress.refusal("ann", true)).isEmpty();
        assertThat(progress.refusal("sam", true)).get().extracting(o -> ((Outcome.Refused) o).message())
                .isEqualTo("you already approved this; it needs another approver");
    }

    @Test
    @DisplayName("given a person who approved stage 1, then they cannot approve stage 2 unless the policy allows it")
    void onePersonOneStage() {
        List<Approval> approvals = List.of(approval(0, "lee", 1));
        assertThat(StageProgress.of(staged(false), approvals, 0).refusal("lee", true)).get()
                .extracting(o -> ((Outcome.Refused) o).message()).asString().startsWith("you approved stage 1");
        assertThat(StageProgress.of(staged(true), approvals, 0).refusal("lee", true)).isEmpty();
    }

    @Test
    @DisplayName("given every stage met, then none is current; votes of another round do not count")
    void doneAndRounds() {
        List<Approval> approvals = List.of(approval(0, "lee", 1), approval(0, "sam", 2), approval(0, "ann", 2),
                approval(1, "lee", 1));
        assertThat(StageProgress.of(staged(false), approvals, 0).current()).isEmpty();
        assertThat(StageProgress.of(staged(false), approvals, 1).current()).map(ApprovalStage::number).contains(2);
        assertThat(StageProgress.of(staged(false), approvals, 2).current()).map(ApprovalStage::number).contains(1);
    }
}
