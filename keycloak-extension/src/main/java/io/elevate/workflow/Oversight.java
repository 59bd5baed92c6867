package io.elevate.workflow;

import io.elevate.validation.Violation;
import io.elevate.notify.Notice;
import io.elevate.window.ElevationWindow;
import io.elevate.window.NewWindow;
import io.elevate.window.WindowStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.elevate.workflow.WorkflowContext.ended;
import static io.elevate.workflow.WorkflowContext.requiredText;
import static io.elevate.workflow.WorkflowContext.state;

/**
 * What approvers and admins do beside the request flow: an admin's direct grant, revoking a window at once (its deny
 * policy is queued for IAM in the same transaction), and reviewing a break-glass window after the fact.
 */
public final class Oversight {

    private final WorkflowContext context;

    Oversight(WorkflowContext context) {
        this.context = context;
    }

    /**
     * An admin's direct grant through the admin API: an approved window, stored and recorded ({@code GRANTED}) through
     * the transition core like every other change. Who may grant (manage-realm) is checked by the admin API.
     */
    public Outcome grant(Caller caller, NewWindow draft, Instant now) {
        return context.transitions.run(() -> {
            ElevationWindow window = context.store.create(draft, now);
            context.transitions.record("GRANTED", window, caller, draft.justification(), now);
            return new Outcome.Done(window);
        });
    }

    /** An approver of the target, or an admin ({@code asAdmin}), ends an approved window at once. */
    public Outcome revoke(Caller caller, String id, String reason, boolean asAdmin, Instant now) {
        List<Violation> invalid = requiredText("reason", reason, "say why you revoke it");
        if (!invalid.isEmpty()) {
            return Outcome.invalid(invalid);
        }
        return context.transitions.locked(id, "no elevation window " + id + " in this realm",
                window -> revoke(caller, window, reason, asAdmin, now));
    }

    private Outcome revoke(Caller caller, ElevationWindow window, String reason, boolean asAdmin, Instant now) {
        String id = window.id();
        Optional<Outcome> refused = context.authorisation.toRevoke(caller, window, asAdmin);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (window.status() != WindowStatus.APPROVED) {
            return Outcome.conflict("the window is " + state(window, now) + ", not approved");
        }
        if (ended(window, now)) {
            return Outcome.conflict("the window already ended at " + window.endsAt());
        }
        ElevationWindow revoked = context.change(id, e -> {
            e.setStatus(WindowStatus.REVOKED.name());
            e.setRevokedBy(caller.name());
            e.setRevokedAt(now.toEpochMilli());
            e.setRevokeReason(reason);
            e.setExtensionMinutes(null);
            e.setExtensionJustification(null);
        });
        context.transitions.record("REVOKED", revoked, caller, reason, now);
        // In the same transaction: the deny policy that ends live AWS sessions is never lost (see io.elevate.revoke).
        context.storage.revocations().enqueue(context.realm, revoked, now);
        context.transitions.tellAfterCommit(Notice.Kind.REVOKED, revoked, context.requester(revoked));
        return new Outcome.Done(revoked);
    }

    /** An approver of the target confirms they looked at a break-glass window; until then it stays flagged. */
    public Outcome review(Caller caller, String id, String comment, Instant now) {
        return context.transitions.locked(id, "no elevation window " + id + " in this realm",
                window -> review(caller, window, comment, now));
    }

    private Outcome review(Caller caller, ElevationWindow window, String comment, Instant now) {
        String id = window.id();
        if (!window.request().breakGlass() && window.request().autoRule() == null) {
            return Outcome.conflict("only break-glass and automatically approved windows are reviewed");
        }
        Optional<Outcome> refused = context.authorisation.toReview(caller, window);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!window.request().awaitingReview()) {
            return Outcome.conflict("already reviewed by " + window.request().reviewedBy());
        }
        List<Violation> invalid = requiredText("comment", comment, "say what you found");
        if (!invalid.isEmpty()) {
            return Outcome.invalid(invalid);
        }
        ElevationWindow reviewed = context.change(id, e -> {
            e.setReviewedBy(caller.name());
            e.setReviewedAt(now.toEpochMilli());
        });
        context.transitions.record("REVIEWED", reviewed, caller, comment, now);
        return new Outcome.Done(reviewed);
    }
}
