package io.elevate.workflow;

import io.elevate.validation.Violation;

import java.util.List;
import java.util.Map;

/**
 * What would happen to a request, and why, worked out without creating anything: the outcome, the rule that decided
 * it (if one did), every rule's answer, the stages a manual approval goes through, and the context the rules saw.
 *
 * @param outcome {@code NOT_ELIGIBLE}, {@code INVALID} (see violations), {@code REFUSED} (e.g. too few approvers, the
 *                instance not found), {@code DENIED} (by {@code rule}), {@code AUTO_APPROVED} (by {@code rule}) or
 *                {@code MANUAL} (by the stages)
 */
public record Explanation(String policyId, String policyName, String user, String outcome, String reason,
                          String rule, List<Violation> violations, List<RuleAnswer> denyRules,
                          List<RuleAnswer> autoApproveRules, List<StageAnswer> stages, boolean sameApproverAcrossStages,
                          Map<String, Object> context) {

    /**
     * The explanation a requester is shown of their own request: each rule's name and whether it holds, without its
     * expression, description or error (those are the administrators', in the admin explain).
     */
    public Explanation forRequester() {
        return new Explanation(policyId, policyName, user, outcome, reason, rule, violations, named(denyRules),
                named(autoApproveRules), stages, sameApproverAcrossStages, context);
    }

    private static List<RuleAnswer> named(List<RuleAnswer> answers) {
        return answers.stream().map(a -> new RuleAnswer(a.name(), null, null, a.holds(), null)).toList();
    }

    /** One rule's answer: whether its condition holds, or why it could not be evaluated (null when not evaluated). */
    public record RuleAnswer(String name, String expression, String description, Boolean holds, String error) {
    }

    /** One approval stage and how many people could approve it for this requester. */
    public record StageAnswer(int number, String name, List<String> approverGroups, int approvalsRequired,
                              int possibleApprovers) {
    }
}
