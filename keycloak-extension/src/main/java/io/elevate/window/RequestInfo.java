package io.elevate.window;

import java.time.Instant;

/**
 * What the request workflow adds to a window: the policy it was asked under, the ticket, the quorum, when a pending
 * request expires, the decision, the break-glass review, and a pending extension (asked minutes and why), whose
 * approvals count in round {@code round}, and whether
 * the requester was told that the window ends soon.
 */
public record RequestInfo(String policyId, String ticket, boolean breakGlass, int approvalsRequired,
                          Instant expiresAt, String decidedBy, Instant decidedAt, String decisionComment,
                          String reviewedBy, Instant reviewedAt, Integer extensionMinutes,
                          String extensionJustification, int round, boolean endNoticeSent) {

    public static final RequestInfo NONE = new RequestInfo(null, null, false, 0, null, null, null, null, null, null,
            null, null, 0, false);

    public boolean extensionPending() {
        return extensionMinutes != null;
    }

    public boolean awaitingReview() {
        return breakGlass && reviewedAt == null;
    }
}
