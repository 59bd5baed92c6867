package io.elevate.window;

import java.time.Instant;

/**
 * A validated window about to be stored, approved already (an admin grant, a break-glass) or requested; the store
 * gives it its id and creation time.
 */
public record NewWindow(String userId, String clientId, Target target, Instant startsAt, Instant endsAt,
                        String justification, String createdBy, String approvedBy, WindowStatus status,
                        RequestInfo request) {

    /** An admin's direct grant: approved by the admin who creates it. */
    public static NewWindow granted(String userId, String clientId, Target target, Instant startsAt, Instant endsAt,
                                    String justification, String admin) {
        return new NewWindow(userId, clientId, target, startsAt, endsAt, justification, admin, admin,
                WindowStatus.APPROVED, RequestInfo.NONE);
    }
}
