package io.elevate.workflow;

import io.elevate.validation.Violation;
import io.elevate.notify.Notice;
import io.elevate.window.ElevationWindow;
import io.elevate.window.NewWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.WindowStatus;

import org.keycloak.models.ClientModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.elevate.workflow.WorkflowContext.blankToNull;

/**
 * The steps that make a window: a request (pending until a quorum of approvers says yes) and break-glass (open at
 * once, reviewed afterwards). Both run through the transition core ({@link Transitions#run}); the target is looked up
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
        RequestInfo info = new RequestInfo(policy.id(), blankToNull(draft.ticket()), false, policy.approvalsRequired(),
                now.plus(policy.pendingExpiry()), null, null, null, null, null, null, null, 0, false);
        ElevationWindow window = context.store.create(new NewWindow(caller.user().getId(), client.getId(),
                target.target(), start, start.plus(Duration.ofMinutes(draft.durationMinutes())),
                blankToNull(draft.justification()), caller.name(), null, WindowStatus.REQUESTED, info), now);
        context.transitions.record("REQUESTED", window, caller, draft.justification(), now);
        context.transitions.tellAfterCommit(Notice.Kind.REQUESTED, window, context.approvers(policy, window));
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
