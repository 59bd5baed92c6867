package io.elevate.workflow;

import io.elevate.rules.CompiledRule;
import io.elevate.rules.Verdict;
import io.elevate.validation.Violation;
import io.elevate.notify.Notice;
import io.elevate.window.ElevationWindow;
import io.elevate.window.NewWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.Target;
import io.elevate.window.WindowStatus;

import org.keycloak.models.ClientModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.elevate.workflow.WorkflowContext.blankToNull;

/**
 * The steps that make a window: a request and break-glass (open at once, reviewed afterwards). A request meets its
 * policy's rules first: a deny rule refuses it (naming the rule), an automatic-approval rule approves it at once
 * (recording the rule), otherwise it waits for the approvers of its first stage. Break-glass meets the deny rules. Both run through the transition core ({@link Transitions#run}); the target is looked up
 * before anything is written, so an AWS call never holds a lock.
 */
public final class NewRequests {

    private static final Violation NO_POLICY = Violation.of("policy", "no elevation policy with this id in this realm");

    private final WorkflowContext context;
    private final RequestableInstances instances;
    private final RequestLimits limits;

    NewRequests(WorkflowContext context, RequestableInstances instances) {
        this.context = context;
        this.instances = instances;
        this.limits = new RequestLimits(context.session, context.realm, context.store);
    }

    public Outcome request(Caller caller, RequestDraft draft, Instant now) {
        return context.transitions.run(() -> requestNow(caller, draft, now));
    }

    private Outcome requestNow(Caller caller, RequestDraft draft, Instant now) {
        Optional<ElevationPolicy> found = context.policyOf(draft);
        if (found.isEmpty()) {
            return Outcome.invalid(List.of(NO_POLICY));
        }
        ElevationPolicy policy = found.get();
        Optional<Outcome> refused = context.authorisation.toRequest(caller, policy);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<Violation> violations = RequestRules.check(policy, draft, policy.maxDuration(), now);
        ClientModel client = context.awsClient(policy, violations);
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations);
        }
        InstanceTargets.Result target = instances.target(policy, draft.instanceId());
        if (target.refusal() != null) {
            return target.refusal();
        }
        Optional<Outcome> limited = limits.pending(caller, policy, now);
        if (limited.isPresent()) {
            return limited.get();
        }
        Instant start = draft.startsAt() == null || draft.startsAt().isBefore(now) ? now : draft.startsAt();
        Duration duration = Duration.ofMinutes(draft.durationMinutes());
        // After the pending limit, which holds the requester's requests: usage is read with no request of theirs
        // changing in between.
        Verdict verdict = verdict(caller, policy, target.target(), duration, start, draft.ticket(), false, now);
        if (verdict.kind() == Verdict.Kind.DENY) {
            return denied(caller, policy, verdict, false, now);
        }
        if (verdict.kind() == Verdict.Kind.AUTO_APPROVE) {
            return autoApproved(caller, policy, draft, client, target, start, duration, verdict, now);
        }
        RequestInfo info = new RequestInfo(policy.id(), blankToNull(draft.ticket()), false, policy.approvalsRequired(),
                now.plus(policy.pendingExpiry()), null, null, null, null, null, null, null, 0, false);
        ElevationWindow window = context.store.create(new NewWindow(caller.user().getId(), client.getId(),
                target.target(), start, start.plus(duration),
                blankToNull(draft.justification()), caller.name(), null, WindowStatus.REQUESTED, info), now);
        context.transitions.record("REQUESTED", window, caller, draft.justification(), now, policy.staged()
                ? Map.of("stage", "1 of " + policy.stages().size() + " (" + policy.stages().get(0).name() + ")")
                : Map.of());
        context.transitions.tellAfterCommit(Notice.Kind.REQUESTED, window,
                context.stageApprovers(policy, window, policy.stages().get(0)));
        return new Outcome.Done(window);
    }

    /** What the policy's rules say of this request; rules that failed to evaluate are audited (each failed closed). */
    private Verdict verdict(Caller caller, ElevationPolicy policy, Target target, Duration duration, Instant start,
                            String ticket, boolean breakGlass, Instant now) {
        return verdict(context, caller, policy, target, duration, start, ticket, breakGlass, now, null);
    }

    /**
     * The detail of a refusal that leaves no window: the policy, whether it refused break-glass (only then said, for
     * the history's break-glass filter), the rule and what it said.
     */
    static Map<String, String> refusal(ElevationPolicy policy, boolean breakGlass, String ruleKey, String rule,
                                       String whatKey, String what) {
        Map<String, String> detail = new java.util.LinkedHashMap<>();
        detail.put("policy", policy.id());
        if (breakGlass) {
            detail.put("breakGlass", "true");
        }
        detail.put(ruleKey, rule);
        detail.put(whatKey, what);
        return detail;
    }

    /**
     * {@link #verdict}, for the other steps that meet the rules (an extension meets the deny rules, with the window it
     * lengthens as {@code excludedWindowId}: its time is the request's duration, so the usage leaves it out).
     */
    static Verdict verdict(WorkflowContext context, Caller caller, ElevationPolicy policy, Target target,
                           Duration duration, Instant start, String ticket, boolean breakGlass, Instant now,
                           String excludedWindowId) {
        if (policy.rules().isEmpty()) {
            return policy.rules().evaluate(null);
        }
        Verdict verdict = policy.rules().evaluate(new RuleContexts(context.store).of(caller.user(), policy, target,
                duration, start, blankToNull(ticket), breakGlass, now, excludedWindowId));
        for (CompiledRule.Result error : verdict.errors()) {
            context.transitions.recordRefusal("RULE_ERROR", caller, refusal(policy, breakGlass, "rule",
                    error.rule().name(), "error", error.error()), now);
        }
        return verdict;
    }

    /** A deny rule holds (or failed): refused, naming the rule, and audited although nothing is kept. */
    private Outcome denied(Caller caller, ElevationPolicy policy, Verdict verdict, boolean breakGlass, Instant now) {
        return denied(context, caller, policy, verdict, breakGlass, now);
    }

    static Outcome denied(WorkflowContext context, Caller caller, ElevationPolicy policy, Verdict verdict,
                          boolean breakGlass, Instant now) {
        context.transitions.recordRefusal("DENIED", caller, refusal(policy, breakGlass, "rule",
                verdict.rule().name(), "reason", verdict.reason()), now);
        return Outcome.deniedByRule(verdict.rule().name(), policy.name() + ": " + verdict.reason());
    }

    /**
     * An automatic-approval rule holds: the window is approved at once, recording the rule; the requester hears it is
     * approved and every approver that a rule approved it (to review it afterwards, unless the policy says not to).
     */
    private Outcome autoApproved(Caller caller, ElevationPolicy policy, RequestDraft draft, ClientModel client,
                                 InstanceTargets.Result target, Instant start, Duration duration, Verdict verdict,
                                 Instant now) {
        String rule = verdict.rule().name();
        RequestInfo info = new RequestInfo(policy.id(), blankToNull(draft.ticket()), false, 0, null, null, null, null,
                null, null, null, null, 0, false, rule);
        ElevationWindow created = context.store.create(new NewWindow(caller.user().getId(), client.getId(),
                target.target(), start, start.plus(duration), blankToNull(draft.justification()), caller.name(),
                "rule " + rule, WindowStatus.APPROVED, info), now);
        ElevationWindow window = context.change(created.id(), e -> {
            e.setDecidedBy("rule " + rule);
            e.setDecidedAt(now.toEpochMilli());
            e.setDecisionComment(verdict.reason());
            if (!policy.rules().reviewAutoApprovals()) {
                e.setReviewedBy("no review required");
                e.setReviewedAt(now.toEpochMilli());
            }
        });
        context.transitions.record("AUTO_APPROVED", window, caller, draft.justification(), now,
                Map.of("rule", rule, "decision", verdict.reason()));
        context.transitions.tellAfterCommit(Notice.Kind.APPROVED, window, context.requester(window));
        context.transitions.tellAfterCommit(Notice.Kind.AUTO_APPROVED, window, context.approvers(policy, window));
        return new Outcome.Done(window);
    }

    public Outcome breakGlass(Caller caller, RequestDraft draft, Instant now) {
        return context.transitions.run(() -> breakGlassNow(caller, draft, now));
    }

    private Outcome breakGlassNow(Caller caller, RequestDraft draft, Instant now) {
        Optional<ElevationPolicy> found = context.policyOf(draft);
        if (found.isEmpty()) {
            return Outcome.invalid(List.of(NO_POLICY));
        }
        ElevationPolicy policy = found.get();
        Optional<Outcome> refused = context.authorisation.toBreakGlass(caller, policy);
        if (refused.isPresent()) {
            return refused.get();
        }
        RequestDraft immediate = new RequestDraft(draft.policyId(), draft.instanceId(), draft.justification(),
                draft.ticket(), draft.durationMinutes(), null);
        List<Violation> violations = new ArrayList<>(RequestRules.check(policy, immediate,
                policy.breakGlassMaxDuration(), now));
        if (draft.justification() == null || draft.justification().isBlank()) {
            violations.add(Violation.of("justification", "break-glass always needs a justification"));
        }
        ClientModel client = context.awsClient(policy, violations);
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations.stream().distinct().toList());
        }
        InstanceTargets.Result target = instances.target(policy, draft.instanceId());
        if (target.refusal() != null) {
            return target.refusal();
        }
        Optional<Outcome> limited = limits.breakGlass(caller, policy, now);
        if (limited.isPresent()) {
            return limited.get();
        }
        Verdict verdict = verdict(caller, policy, target.target(), Duration.ofMinutes(draft.durationMinutes()), now,
                draft.ticket(), true, now);
        if (verdict.kind() == Verdict.Kind.DENY) {
            return denied(caller, policy, verdict, true, now);
        }
        RequestInfo info = new RequestInfo(policy.id(), blankToNull(draft.ticket()), true, 0, null, null, now, null,
                null, null, null, null, 0, false);
        ElevationWindow window = context.store.create(new NewWindow(caller.user().getId(), client.getId(),
                target.target(), now, now.plus(Duration.ofMinutes(draft.durationMinutes())),
                draft.justification(), caller.name(), "break-glass", WindowStatus.APPROVED, info), now);
        context.transitions.record("BREAK_GLASS", window, caller, draft.justification(), now);
        if (policy.osCredential() != null) {
            // In the same transaction: the OS password is set by the timer, off the request thread (io.elevate.breakglass).
            context.storage.osCredentials().enqueue(context.realm, window, policy.osCredential(), now);
        }
        context.transitions.tellAfterCommit(Notice.Kind.BREAK_GLASS, window, context.approvers(policy, window));
        return new Outcome.Done(window);
    }
}
