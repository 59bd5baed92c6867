package io.elevate.workflow;

import io.elevate.rules.CompiledRule;
import io.elevate.rules.RuleContext;
import io.elevate.rules.RuleSet;
import io.elevate.rules.Verdict;
import io.elevate.validation.Violation;

import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains what a policy would do with a request of a given user ({@link Explanation}), with the same checks and
 * rules as {@link NewRequests#request}, in the same order, but changing nothing: no window, no audit row, no notice.
 * The per-user limits (pending requests) are not counted: they take the user's requests for change.
 */
public final class Explanations {

    private final WorkflowContext context;
    private final RequestableInstances instances;

    Explanations(WorkflowContext context, RequestableInstances instances) {
        this.context = context;
        this.instances = instances;
    }

    /**
     * The refusal of a requester's own explain ({@code POST requests/explain}) when they may not ask under the policy:
     * the 403 that {@code POST requests} would answer; empty when they may (or the realm has no such policy, which
     * {@link #explain} answers).
     */
    public Optional<Outcome.Refused> refusedToRequester(UserModel user, RequestDraft draft) {
        return context.policyOf(draft).filter(policy -> !context.authorisation.mayAsk(user, policy))
                .map(policy -> (Outcome.Refused) Outcome.forbidden("you are not eligible for " + policy.name()));
    }

    /** Empty when the realm has no policy {@code draft.policyId()}. */
    public Optional<Explanation> explain(UserModel user, RequestDraft draft, Instant now) {
        Optional<ElevationPolicy> found = context.policyOf(draft);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ElevationPolicy policy = found.get();
        Caller caller = new Caller(user, null, null, null, 0);
        if (!context.authorisation.mayAsk(user, policy)) {
            return Optional.of(result(policy, user, "NOT_ELIGIBLE", user.getUsername() + " is in none of "
                    + policy.eligibleGroups(), null, List.of(), null, null));
        }
        Optional<Outcome> refused = context.authorisation.toRequest(caller, policy);
        if (refused.isPresent()) {
            return Optional.of(result(policy, user, "REFUSED", ((Outcome.Refused) refused.get()).message(), null,
                    List.of(), null, null));
        }
        List<Violation> violations = RequestRules.check(policy, draft, policy.maxDuration(), now);
        context.awsClient(policy, violations);
        if (!violations.isEmpty()) {
            return Optional.of(result(policy, user, "INVALID", "the request breaks " + violations.size()
                    + " rule(s) of the policy; see violations", null, violations, null, null));
        }
        InstanceTargets.Result target = instances.target(policy, draft.instanceId());
        if (target.refusal() != null) {
            return Optional.of(result(policy, user, "REFUSED", ((Outcome.Refused) target.refusal()).message(), null,
                    List.of(), null, null));
        }
        Instant start = draft.startsAt() == null || draft.startsAt().isBefore(now) ? now : draft.startsAt();
        RuleContext ruleContext = new RuleContexts(context.store).of(user, policy, target.target(),
                Duration.ofMinutes(draft.durationMinutes()), start, WorkflowContext.blankToNull(draft.ticket()), false,
                now);
        Verdict verdict = policy.rules().evaluate(ruleContext);
        String outcome = switch (verdict.kind()) {
            case DENY -> "DENIED";
            case AUTO_APPROVE -> "AUTO_APPROVED";
            case MANUAL -> "MANUAL";
        };
        String reason = verdict.kind() == Verdict.Kind.MANUAL ? verdict.reason() + "; "
                + (policy.staged() ? policy.stages().size() + " approval stages in order, starting with "
                + StageProgress.describe(policy.stages().get(0)) : "approval by " + policy.approvalsRequired()
                + " of " + policy.approverGroups()) : verdict.reason();
        return Optional.of(result(policy, user, outcome, reason,
                verdict.rule() == null ? null : verdict.rule().name(), List.of(), verdict, ruleContext));
    }

    private Explanation result(ElevationPolicy policy, UserModel user, String outcome, String reason, String rule,
                               List<Violation> violations, Verdict verdict, RuleContext ruleContext) {
        RuleSet rules = policy.rules();
        List<Explanation.RuleAnswer> deny = answers(rules.deny(), verdict == null ? null : verdict.denyResults());
        List<Explanation.RuleAnswer> auto = answers(rules.autoApprove(),
                verdict == null ? null : verdict.autoApproveResults());
        List<Explanation.StageAnswer> stages = policy.stages().stream().map(s -> new Explanation.StageAnswer(
                s.number(), s.name(), s.approverGroups(), s.approvalsRequired(),
                context.groups.approversOtherThan(s.approverGroups(), List.of(user.getId())).size())).toList();
        return new Explanation(policy.id(), policy.name(), user.getUsername(), outcome, reason, rule,
                List.copyOf(violations), deny, auto, stages, policy.sameApproverAcrossStages(),
                ruleContext == null ? Map.of() : shown(ruleContext.variables()));
    }

    private static List<Explanation.RuleAnswer> answers(List<CompiledRule> rules, List<CompiledRule.Result> results) {
        List<Explanation.RuleAnswer> answers = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule rule = rules.get(i);
            CompiledRule.Result result = results == null ? null : results.get(i);
            answers.add(new Explanation.RuleAnswer(rule.name(), rule.rule().expression(), rule.rule().description(),
                    result == null || result.failed() ? null : result.matched(),
                    result == null ? null : result.error()));
        }
        return answers;
    }

    /** The context's values as JSON shows them: times and durations as ISO-8601 text. */
    private static Map<String, Object> shown(Map<String, Object> variables) {
        Map<String, Object> shown = new LinkedHashMap<>();
        variables.forEach((name, value) -> shown.put(name,
                value instanceof Instant || value instanceof TemporalAmount ? value.toString() : value));
        return shown;
    }
}
