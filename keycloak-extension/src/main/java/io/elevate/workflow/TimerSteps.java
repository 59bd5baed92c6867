package io.elevate.workflow;

import io.elevate.notify.Notice;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.elevate.workflow.WorkflowContext.ended;
import static io.elevate.workflow.WorkflowContext.state;

/**
 * The timer's steps: expire pending requests whose time ran out, and tell requesters whose window ends soon. The timer
 * lists the due items, then takes each in a transaction of its own through the transition core; an item no longer due
 * (decided or told since it was listed) changes nothing.
 */
public final class TimerSteps {

    private final WorkflowContext context;

    TimerSteps(WorkflowContext context) {
        this.context = context;
    }

    /**
     * Pending requests whose time ran out, at most {@code max}; the timer expires each with {@link #expire}, in a
     * transaction of its own.
     */
    public List<String> expiredRequests(Instant now, int max) {
        return context.store.expiredRequests(now, max);
    }

    /**
     * Expires one pending request whose time ran out, through the transition core; run by the timer. Returns false,
     * changing nothing, when it is gone or no longer pending and out of time (decided since it was listed).
     */
    public boolean expire(String id, Instant now) {
        return taken(context.transitions.locked(id, "no request " + id + " in this realm", window -> {
            if (window.status() != WindowStatus.REQUESTED || window.request().expiresAt() == null
                    || now.isBefore(window.request().expiresAt())) {
                return Outcome.conflict("the request is " + state(window, now) + " and not out of time");
            }
            ElevationWindow expired = context.change(id, e -> {
                e.setStatus(WindowStatus.EXPIRED.name());
                e.setDecidedBy(Caller.SYSTEM);
                e.setDecidedAt(now.toEpochMilli());
            });
            context.transitions.record("EXPIRED", expired, Caller.system(),
                    "no decision before " + window.request().expiresAt(), now);
            return new Outcome.Done(expired);
        }));
    }

    /**
     * Approved windows ending within {@code notice} whose requester was not told yet, at most {@code max}; the timer
     * tells each with {@link #noticeEnding}, in a transaction of its own.
     */
    public List<String> endingWithoutNotice(Duration notice, Instant now, int max) {
        return context.store.endingWithoutNotice(now, notice, max);
    }

    /**
     * Tells the requester that the window ends within {@code notice}, once, through the transition core; run by the
     * timer. Returns false, changing nothing, when it is gone, already told, or no longer an approved window that
     * has started and ends within {@code notice}.
     */
    public boolean noticeEnding(String id, Duration notice, Instant now) {
        return taken(context.transitions.locked(id, "no window " + id + " in this realm", window -> {
            if (window.status() != WindowStatus.APPROVED || window.request().endNoticeSent() || ended(window, now)
                    || window.startsAt().isAfter(now) || window.endsAt().isAfter(now.plus(notice))) {
                return Outcome.conflict("the window is " + state(window, now) + " and needs no end notice now");
            }
            ElevationWindow told = context.change(id, e -> e.setEndNoticeSent(true));
            context.transitions.tellAfterCommit(Notice.Kind.ENDING_SOON, told, context.requester(told));
            return new Outcome.Done(told);
        }));
    }

    /**
     * Whether a timer's step was taken. Not due (any more) is false; the database failing is thrown, so that the
     * timer logs and counts it and tries the item again at its next run.
     */
    private static boolean taken(Outcome outcome) {
        if (outcome instanceof Outcome.Refused refused && refused.status() >= 500) {
            throw new IllegalStateException(refused.message());
        }
        return outcome instanceof Outcome.Done;
    }
}
