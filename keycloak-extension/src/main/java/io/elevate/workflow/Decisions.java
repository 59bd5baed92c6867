package io.elevate.workflow;

import io.elevate.validation.Violation;
import io.elevate.notify.Notice;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.elevate.workflow.WorkflowContext.blankToNull;
import static io.elevate.workflow.WorkflowContext.ended;
import static io.elevate.workflow.WorkflowContext.requiredText;
import static io.elevate.workflow.WorkflowContext.state;

/**
 * An approver's decisions on a request or an extension: approve (in the policy's stages, in order: the last vote of a
 * stage's quorum moves the request to the next stage, and of the last stage approves it) and reject (any approver of
 * the policy, in any stage). Each
 * takes the request's row first ({@link Transitions#locked}), then checks on that fresh state who may decide and that
 * it still waits for a decision.
 */
public final class Decisions {

    private final WorkflowContext context;

    Decisions(WorkflowContext context) {
        this.context = context;
    }

    public Outcome approve(Caller caller, String id, String comment, Instant now) {
        Optional<Violation> invalid = UserText.check("comment", comment, RequestRules.MAX_TEXT, true);
        if (invalid.isPresent()) {
            return Outcome.invalid(List.of(invalid.get()));
        }
        return decide(caller, id, now, window -> {
            // decide() found the policy (toDecide): its stages as they are now; one stage when it names none
            ElevationPolicy policy = context.policyOf(window).orElseThrow();
            StageProgress progress = StageProgress.of(policy, context.store.approvals(id), window.request().round());
            Optional<ApprovalStage> current = progress.current();
            boolean member = current.isPresent()
                    && context.groups.isMemberOfAny(caller.user(), current.get().approverGroups());
            Optional<Outcome> refused = progress.refusal(caller.user().getId(), member);
            if (refused.isPresent()) {
                return refused.get();
            }
            ApprovalStage stage = current.orElseThrow();
            int approvals = context.store.approve(window, stage.number(), caller.user().getId(), caller.name(),
                    blankToNull(comment), now);
            Map<String, String> detail = policy.staged() ? Map.of("stage", stage.number() + " of "
                    + policy.stages().size() + " (" + stage.name() + ")") : Map.of();
            // The row is held by this transaction (see decide), so this count includes every vote committed before
            // it, and no other vote of this round can commit until this one has: each stage's quorum, and so the
            // request's, is met exactly once.
            if (approvals < stage.approvalsRequired()) {
                context.transitions.record("APPROVAL_ADDED", window, caller, comment, now, detail);
                return new Outcome.Done(context.store.find(id).orElseThrow());
            }
            if (stage.number() < policy.stages().size()) {
                ApprovalStage next = policy.stages().get(stage.number());
                ElevationWindow advanced = context.store.find(id).orElseThrow();
                context.transitions.record("STAGE_APPROVED", advanced, caller, comment, now, detail);
                context.transitions.tellAfterCommit(Notice.Kind.REQUESTED, advanced,
                        context.stageApprovers(policy, advanced, next));
                return new Outcome.Done(advanced);
            }
            boolean extension = window.status() == WindowStatus.APPROVED;
            ElevationWindow decided = context.change(id, e -> {
                if (extension) {
                    e.setEndsAt(e.getEndsAt() + Duration.ofMinutes(e.getExtensionMinutes()).toMillis());
                    e.setExtensionMinutes(null);
                    e.setExtensionJustification(null);
                    e.setEndNoticeSent(false);
                } else {
                    e.setStatus(WindowStatus.APPROVED.name());
                    e.setApprovedBy(context.approverNames(id, window.request().round()));
                    e.setExpiresAt(null);
                    e.setFirstDecidedAt(now.toEpochMilli());
                }
                e.setDecidedBy(caller.name());
                e.setDecidedAt(now.toEpochMilli());
                e.setDecisionComment(blankToNull(comment));
            });
            context.transitions.record(extension ? "EXTENDED" : "APPROVED", decided, caller, comment, now, detail);
            context.transitions.tellAfterCommit(Notice.Kind.APPROVED, decided, context.requester(decided));
            return new Outcome.Done(decided);
        });
    }

    public Outcome reject(Caller caller, String id, String comment, Instant now) {
        List<Violation> invalid = requiredText("comment", comment, "say why you reject it");
        if (!invalid.isEmpty()) {
            return Outcome.invalid(invalid);
        }
        return decide(caller, id, now, window -> {
            boolean extension = window.status() == WindowStatus.APPROVED;
            ElevationWindow decided = context.change(id, e -> {
                if (extension) {
                    e.setExtensionMinutes(null);
                    e.setExtensionJustification(null);
                } else {
                    e.setStatus(WindowStatus.REJECTED.name());
                    e.setExpiresAt(null);
                    e.setFirstDecidedAt(now.toEpochMilli());
                }
                e.setDecidedBy(caller.name());
                e.setDecidedAt(now.toEpochMilli());
                e.setDecisionComment(comment);
            });
            context.transitions.record(extension ? "EXTENSION_REJECTED" : "REJECTED", decided, caller, comment, now);
            context.transitions.tellAfterCommit(Notice.Kind.REJECTED, decided, context.requester(decided));
            return new Outcome.Done(decided);
        });
    }

    private interface Decision {
        Outcome take(ElevationWindow window);
    }

    /** The checks every approver decision shares: it exists, this approver may decide, it waits for a decision. */
    private Outcome decide(Caller caller, String id, Instant now, Decision decision) {
        return context.transitions.locked(id, "no request " + id + " in this realm",
                window -> decide(caller, window, now, decision));
    }

    private Outcome decide(Caller caller, ElevationWindow window, Instant now, Decision decision) {
        Optional<Outcome> refused = context.authorisation.toDecide(caller, window);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean pending = window.status() == WindowStatus.REQUESTED
                || (window.status() == WindowStatus.APPROVED && window.request().extensionPending() && !ended(window, now));
        if (!pending) {
            return Outcome.conflict("the request is " + state(window, now) + "; nothing waits for a decision");
        }
        if (window.status() == WindowStatus.REQUESTED && window.request().expiresAt() != null
                && !now.isBefore(window.request().expiresAt())) {
            return Outcome.conflict("the request expired at " + window.request().expiresAt());
        }
        return decision.take(window);
    }
}
