package io.elevate.notify;

import io.elevate.window.ElevationWindow;

import java.util.List;

/**
 * Something people must hear about: what happened to which window, who asked for it, who must hear, and where to act.
 * Plain data, so every {@link Notifier} (email, SNS, webhook) renders it its own way.
 */
public record Notice(Kind kind, ElevationWindow window, Person requester, List<Person> recipients, String portalUrl) {

    public enum Kind {
        /** A request waits for its approvers. */
        REQUESTED,
        /** A request (or its extension) was approved: to the requester. */
        APPROVED,
        /** A request was rejected: to the requester. */
        REJECTED,
        /** Someone opened a window without approval: to every approver of the target, at once. */
        BREAK_GLASS,
        /** A policy rule approved a request at once: to every approver of the target (the requester hears APPROVED). */
        AUTO_APPROVED,
        /** An open window ends soon: to the requester. */
        ENDING_SOON,
        /** A window was revoked: to the requester. */
        REVOKED
    }

    /** A user as a notice names them. */
    public record Person(String username, String displayName, String email) {
    }
}
