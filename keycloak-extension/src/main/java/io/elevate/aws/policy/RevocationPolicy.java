package io.elevate.aws.policy;

import io.elevate.aws.SessionTags;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /** The most characters IAM takes for all of a role's inline policies together (its only one is this). */
    public static final int MAX_CHARACTERS = 10_240;
    /**
     * How long after the latest revoke the fallback still denies new sessions: a sign-in to AWS that was under way
     * at the revoke (its assertion issued before, posted to AWS after) is caught by the time as well.
     */
    public static final Duration SIGN_IN_MARGIN = Duration.ofMinutes(5);

    /** The document as IAM takes it (no whitespace), or empty when no id is revoked. */
    public static Optional<String> compact(int slots, List<String> revokedIds) {
        return of(slots, revokedIds).map(Json::compact);
    }

    /**
     * {@link #compact(int, List)}, failing closed when the revoked ids do not fit in IAM's limit (about 80 ids with
     * three slots): then one statement denies every session of the role issued before {@code latestRevoke} plus
     * {@link #SIGN_IN_MARGIN} ({@code aws:TokenIssueTime}), which ends every revoked session with some others; people
     * whose windows are still open sign in again after that time.
     */
    public static Optional<String> compact(int slots, List<String> revokedIds, Instant latestRevoke) {
        Optional<String> byId = compact(slots, revokedIds);
        return byId.isEmpty() || byId.get().length() <= MAX_CHARACTERS ? byId
                : Optional.of(compactIssuedBefore(latestRevoke));
    }

    /** The fallback document as IAM takes it: deny every session issued before {@code latestRevoke} plus the margin. */
    public static String compactIssuedBefore(Instant latestRevoke) {
        return Json.compact(issuedBefore(latestRevoke.plus(SIGN_IN_MARGIN)));
    }

    /** Whether the document naming these ids fits in IAM's limit (none: nothing to fit). */
    public static boolean fits(int slots, List<String> revokedIds) {
        return compact(slots, revokedIds).map(String::length).orElse(0) <= MAX_CHARACTERS;
    }

    /** Deny everything to sessions of the role issued before {@code instant} (whole seconds, rounded up). */
    public static ObjectNode issuedBefore(Instant instant) {
        Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
        Instant bound = second.equals(instant) ? second : second.plusSeconds(1);
        ObjectNode statement = Statements.statement("DenySessionsIssuedBeforeTheLatestRevoke", "Deny", List.of("*"));
        statement.put("Resource", "*");
        statement.putObject("Condition").putObject("DateLessThan").put("aws:TokenIssueTime", bound.toString());
        return Statements.document(List.of(statement));
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
