package io.elevate.notify;

/**
 * Where a chat message about a request links to in the portal (its address {@code portal} as the notice carries it):
 * the request's own page ({@code portal/requests/{id}}: what was asked and its whole life, for its requester, its
 * approvers, auditors and admins), and the request's item in the portal's queues, where it is decided
 * ({@code ?focus=waiting-{id}}) or reviewed ({@code ?focus=review-{id}}): the portal sends a signed-in browser on to
 * {@code #waiting-{id}} or {@code #review-{id}}, and one that must sign in first there after the sign-in (a fragment
 * alone would not reach the server, and so would be lost at Keycloak's sign-in).
 */
final class PortalPlaces {

    private PortalPlaces() {
    }

    /** The request's own page. */
    static String request(String portal, String id) {
        return trimmed(portal) + "/requests/" + id;
    }

    /** The request in the approver's queue, with its Approve and Reject. */
    static String decision(String portal, String id) {
        return trimmed(portal) + "?focus=waiting-" + id;
    }

    /** The break-glass (or rule-approved) window in the reviewer's queue. */
    static String review(String portal, String id) {
        return trimmed(portal) + "?focus=review-" + id;
    }

    private static String trimmed(String portal) {
        return portal.endsWith("/") ? portal.substring(0, portal.length() - 1) : portal;
    }
}
