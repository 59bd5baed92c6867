package io.elevate.workflow;

import io.elevate.rules.Verdict;
import io.elevate.validation.Violation;
import io.elevate.notify.Notice;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.elevate.workflow.WorkflowContext.blankToNull;
import static io.elevate.workflow.WorkflowContext.ended;
import static io.elevate.workflow.WorkflowContext.requiredText;
import static io.elevate.workflow.WorkflowContext.state;

/**
 * The requester's own changes: cancel (withdraw a pending request, or end an approved window early) and extend (ask
 * for more time, which needs the policy's quorum again). Another user's request is not found, not forbidden.
 */
public final class RequesterChanges {

    private final WorkflowContext context;

    RequesterChanges(WorkflowContext context) {
        this.context = context;
    }

    /** The requester withdraws a pending request, or ends an approved window early. */
    public Outcome cancel(Caller caller, String id, String reason, Instant now) {
        return context.transitions.locked(id, "no request " + id + " of yours", window -> context.authorisation
                .toChangeOwn(caller, window).orElseGet(() -> cancel(caller, window, reason, now)));
    }

    private Outcome cancel(Caller caller, ElevationWindow window, String reason, Instant now) {
        String id = window.id();
        Optional<Violation> invalid = UserText.check("reason", reason, RequestRules.MAX_TEXT, true);
        if (invalid.isPresent()) {
            return Outcome.invalid(List.of(invalid.get()));
        }
        if (!window.status().canBecome(WindowStatus.CANCELLED) || ended(window, now)) {
            return Outcome.conflict("the request is " + state(window, now) + " and can no longer be cancelled");
        }
        boolean live = window.status() == WindowStatus.APPROVED;
        ElevationWindow cancelled = context.change(id, e -> {
            e.setStatus(WindowStatus.CANCELLED.name());
            e.setDecidedBy(caller.name());
            e.setDecidedAt(now.toEpochMilli());
            e.setDecisionComment(blankToNull(reason));
            e.setExpiresAt(null);
        });
        context.transitions.record("CANCELLED", cancelled, caller, reason, now);
        if (live) {
            context.storage.revocations().enqueue(context.realm, cancelled, now);
        }
        return new Outcome.Done(cancelled);
    }

    /** The requester asks for more time on an approved window; it needs approval again. */
    public Outcome extend(Caller caller, String id, Integer minutes, String justification, Instant now) {
        return context.transitions.locked(id, "no request " + id + " of yours", window -> context.authorisation
                .toChangeOwn(caller, window).orElseGet(() -> extend(caller, window, minutes, justification, now)));
    }

    private Outcome extend(Caller caller, ElevationWindow window, Integer minutes, String justification, Instant now) {
        String id = window.id();
        Optional<ElevationPolicy> policy = context.policyOf(window);
        if (policy.isEmpty()) {
            return Outcome.conflict("this window was not asked under a policy and cannot be extended; ask anew");
        }
        if (window.status() != WindowStatus.APPROVED || ended(window, now)) {
            return Outcome.conflict("only an approved window that has not ended can be extended");
        }
        if (window.request().extensionPending()) {
            return Outcome.conflict("an extension already waits for approval");
        }
        long total = Duration.between(window.startsAt(), window.endsAt()).toMinutes() + (minutes == null ? 0 : minutes);
        List<Violation> violations = new ArrayList<>();
        if (minutes == null || minutes < 1) {
            violations.add(Violation.of("minutes", "is required and must be positive"));
        } else if (total > policy.get().maxDuration().toMinutes()) {
            violations.add(Violation.of("minutes", "the window would last " + total + " minutes; the policy allows "
                    + policy.get().maxDuration().toMinutes()));
        }
        violations.addAll(requiredText("justification", justification, "say why you need more time"));
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations);
        }
        // The window as it would be meets the policy's deny rules (an extension is never approved by a rule), with the
        // requester's other requests held, as for a new request, so that the usage they see does not change meanwhile.
        context.store.holdRequestsOf(caller.user().getId());
        Verdict verdict = NewRequests.verdict(context, caller, policy.get(), window.target(), Duration.ofMinutes(total),
                window.startsAt(), window.request().ticket(), window.request().breakGlass(), now, id);
        if (verdict.kind() == Verdict.Kind.DENY) {
            return NewRequests.denied(context, caller, policy.get(), verdict, window.request().breakGlass(), now);
        }
        // An extension needs the policy's quorum as it is now, whatever the window had (a break-glass window had none),
        // found as a new request's is: stage by stage.
        int quorum = policy.get().approvalsRequired();
        Optional<Outcome> unapprovable = context.authorisation.toFindApprovers(caller, policy.get());
        if (unapprovable.isPresent()) {
            return unapprovable.get();
        }
        ElevationWindow asked = context.change(id, e -> {
            e.setExtensionMinutes(minutes);
            e.setExtensionJustification(justification);
            e.setApprovalsRequired(quorum);
            e.setRound(e.getRound() + 1);
        });
        context.transitions.record("EXTENSION_REQUESTED", asked, caller, justification, now);
        context.transitions.tellAfterCommit(Notice.Kind.REQUESTED, asked,
                context.stageApprovers(policy.get(), asked, policy.get().stages().get(0)));
        return new Outcome.Done(asked);
    }
}
