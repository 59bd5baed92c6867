package io.elevate.window;

import java.time.Duration;
import java.time.Instant;

/**
 * An elevation: one user's access to one AWS target through one Keycloak client from {@code startsAt} to
 * {@code endsAt}, usable at sign-in while it is approved and open (the window).
 *
 * @param clientId the Keycloak client's internal id (the AWS SAML client the window applies to)
 * @param request  the workflow's part: policy, ticket, quorum, decision; {@link RequestInfo#NONE} for admin grants
 */
public record ElevationWindow(String id, String realmId, String userId, String clientId, Target target,
                              Instant startsAt, Instant endsAt, WindowStatus status, String justification,
                              String createdBy, String approvedBy, Instant createdAt,
                              String revokedBy, Instant revokedAt, String revokeReason, RequestInfo request) {

    public boolean isOpenAt(Instant now) {
        return status == WindowStatus.APPROVED && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public Duration remainingAt(Instant now) {
        return now.isBefore(endsAt) ? Duration.between(now, endsAt) : Duration.ZERO;
    }
}
