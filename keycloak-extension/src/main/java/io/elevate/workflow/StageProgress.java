package io.elevate.workflow;

import io.elevate.window.Approval;

import java.util.List;
import java.util.Optional;

/**
 * How far one round of a request (the request, or an extension) has come through its policy's approval stages: the
 * approvals of that round, each in the stage it counted for. The current stage is the first whose quorum is not met;
 * none when every stage is met. Approvals of a stage the policy no longer has count for nothing.
 */
record StageProgress(ElevationPolicy policy, List<Approval> approvals) {

    static StageProgress of(ElevationPolicy policy, List<Approval> all, int round) {
        return new StageProgress(policy, all.stream().filter(a -> a.round() == round).toList());
    }

    Optional<ApprovalStage> current() {
        return policy.stages().stream().filter(s -> count(s.number()) < s.approvalsRequired()).findFirst();
    }

    long count(int stage) {
        return approvals.stream().filter(a -> a.stage() == stage).count();
    }

    /** The stage this user approved in this round, if any (the first, should a policy allow several). */
    Optional<Integer> stageOf(String userId) {
        return approvals.stream().filter(a -> a.approverId().equals(userId)).map(Approval::stage).findFirst();
    }

    boolean approvedIn(String userId, int stage) {
        return approvals.stream().anyMatch(a -> a.approverId().equals(userId) && a.stage() == stage);
    }

    /** The ids of everyone who approved in this round, in any stage. */
    List<String> approverIds() {
        return approvals.stream().map(Approval::approverId).distinct().toList();
    }

    /**
     * Why this user cannot approve the current stage now, or empty when they can: they approved it already, or (unless
     * the policy allows it) another stage, or they are not among its approvers ({@code memberOfCurrent}).
     */
    Optional<Outcome> refusal(String userId, boolean memberOfCurrent) {
        Optional<ApprovalStage> current = current();
        if (current.isEmpty()) {
            return Optional.of(Outcome.conflict("every approval stage is already met"));
        }
        ApprovalStage stage = current.get();
        if (approvedIn(userId, stage.number())) {
            return Optional.of(Outcome.conflict("you already approved this; it needs another approver"));
        }
        Optional<Integer> earlier = stageOf(userId);
        if (earlier.isPresent() && !policy.sameApproverAcrossStages()) {
            return Optional.of(Outcome.conflict("you approved stage " + earlier.get() + " of this request; "
                    + describe(stage) + " needs someone else (" + policy.name() + " lets one person approve one "
                    + "stage)"));
        }
        if (!memberOfCurrent) {
            return Optional.of(Outcome.conflict("this request waits for " + describe(stage) + ", approved by "
                    + stage.approverGroups() + "; you are not one of its approvers"));
        }
        return Optional.empty();
    }

    static String describe(ApprovalStage stage) {
        return "stage " + stage.number() + " (" + stage.name() + ")";
    }
}
