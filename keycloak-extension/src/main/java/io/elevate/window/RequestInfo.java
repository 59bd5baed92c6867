package io.elevate.window;

import java.time.Instant;

/**
 * What the request workflow adds to a window: the policy it was asked under, the ticket, the quorum, when a pending
 * request expires, the decision, the break-glass review, and a pending extension (asked minutes and why), whose
 * approvals count in round {@code round}, and whether
 * the requester was told that the window ends soon.
 *
 * @param autoRule the policy rule that approved the request at once, or null; such a window is reviewed afterwards
 *                 like break-glass unless its policy says not to (then it is marked reviewed when approved)
 */
public record RequestInfo(String policyId, String ticket, boolean breakGlass, int approvalsRequired,
                          Instant expiresAt, String decidedBy, Instant decidedAt, String decisionComment,
                          String reviewedBy, Instant reviewedAt, Integer extensionMinutes,
                          String extensionJustification, int round, boolean endNoticeSent, String autoRule) {

    public RequestInfo(String policyId, String ticket, boolean breakGlass, int approvalsRequired, Instant expiresAt,
                       String decidedBy, Instant decidedAt, String decisionComment, String reviewedBy,
                       Instant reviewedAt, Integer extensionMinutes, String extensionJustification, int round,
                       boolean endNoticeSent) {
        this(policyId, ticket, breakGlass, approvalsRequired, expiresAt, decidedBy, decidedAt, decisionComment,
                reviewedBy, reviewedAt, extensionMinutes, extensionJustification, round, endNoticeSent, null);
    }

    public static final RequestInfo NONE = new RequestInfo(null, null, false, 0, null, null, null, null, null, null,
            null, null, 0, false);

    public boolean extensionPending() {
        return extensionMinutes != null;
    }

    public boolean awaitingReview() {
        return (breakGlass || autoRule != null) && reviewedAt == null;
    }
}
