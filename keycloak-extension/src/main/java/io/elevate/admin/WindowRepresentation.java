package io.elevate.admin;

import io.elevate.aws.SessionManagerLink;
import io.elevate.window.ElevationWindow;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.Map;

/** A window as the admin API shows it; times are ISO-8601 instants. */
public record WindowRepresentation(String id, String userId, String username, String client, String accountId,
                                   String roleName, String samlProvider, String region, String instanceId,
                                   Map<String, String> tags, String roleArn, String sessionManagerUrl,
                                   String startsAt, String endsAt, String status, boolean open,
                                   String justification, String createdBy, String approvedBy, String createdAt,
                                   String revokedBy, String revokedAt, String revokeReason) {

    static WindowRepresentation of(ElevationWindow w, UserModel user, ClientModel client, Instant now) {
        var t = w.target();
        return new WindowRepresentation(w.id(), w.userId(), user == null ? null : user.getUsername(),
                client == null ? null : client.getClientId(), t.accountId(), t.roleName(), t.samlProvider(),
                t.region(), t.instanceId(), t.tags(), t.roleArn(),
                t.instanceId() == null ? null : SessionManagerLink.forInstance(t.instanceId(), t.region()),
                w.startsAt().toString(), w.endsAt().toString(), w.status().name(), w.isOpenAt(now),
                w.justification(), w.createdBy(), w.approvedBy(), w.createdAt().toString(), w.revokedBy(),
                w.revokedAt() == null ? null : w.revokedAt().toString(), w.revokeReason());
    }
}
