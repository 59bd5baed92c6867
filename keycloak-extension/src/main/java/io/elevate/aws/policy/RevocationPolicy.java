package io.elevate.aws.policy;

import io.elevate.aws.SessionTags;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The revocation deny policy: deny everything to a session whose {@code ElevationId} (or {@code ElevationIdn} of any
 * numbered slot) is one of the revoked windows. It stops only those sessions, not every user of the role. No revoked
 * ids: no policy at all, never a statement that matches nothing.
 */
public final class RevocationPolicy {

    /** The name of the role inline policy that {@code io.elevate.revoke} keeps in IAM. */
    public static final String INLINE_POLICY_NAME = "elevate-revocations";

    private RevocationPolicy() {
    }

    /** The document as IAM takes it (no whitespace), or empty when no id is revoked. */
    public static Optional<String> compact(int slots, List<String> revokedIds) {
        return of(slots, revokedIds).map(Json::compact);
    }

    public static Optional<ObjectNode> of(int slots, List<String> revokedIds) {
        if (revokedIds.isEmpty()) {
            return Optional.empty();
        }
        List<ObjectNode> statements = new ArrayList<>();
        for (int slot = 1; slot <= slots; slot++) {
            ObjectNode statement = Statements.statement("DenyRevokedElevations" + (slot > 1 ? "Slot" + slot : ""),
                    "Deny", List.of("*"));
            statement.put("Resource", "*");
            statement.putObject("Condition").putObject("StringEquals").set(
                    Statements.principalTag(SessionTags.ELEVATION_ID + Statements.slotSuffix(slot)),
                    Json.array(revokedIds));
            statements.add(statement);
        }
        return Optional.of(Statements.document(statements));
    }
}
