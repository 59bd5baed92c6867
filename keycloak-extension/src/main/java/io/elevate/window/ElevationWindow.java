package io.elevate.window;

import java.time.Duration;
import java.time.Instant;

/**
 * An approved span of time during which one user may sign in to one AWS target through one Keycloak client.
 *
 * @param clientId the Keycloak client's internal id (the AWS SAML client the window applies to)
 */
public record ElevationWindow(String id, String realmId, String userId, String clientId, Target target,
                              Instant startsAt, Instant endsAt, WindowStatus status, String justification,
                              String createdBy, String approvedBy, Instant createdAt,
                              String revokedBy, Instant revokedAt, String revokeReason) {

    public boolean isOpenAt(Instant now) {
        return status == WindowStatus.APPROVED && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public Duration remainingAt(Instant now) {
        return now.isBefore(endsAt) ? Duration.between(now, endsAt) : Duration.ZERO;
    }
}
