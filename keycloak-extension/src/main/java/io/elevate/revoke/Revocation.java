package io.elevate.revoke;

import java.time.Instant;

/** One row of the revocation outbox, as the worker and the admin view read it. */
public record Revocation(String id, String realmId, String windowId, String accountId, String roleName, int slots,
                         Instant revokedAt, RevocationState state, int attempts, Instant nextAttemptAt,
                         String lastError, Instant appliedAt, Instant pruneAfter) {

    /** True once no session started before the revoke can still be alive: the role's policy may drop the id. */
    public boolean prunedAt(Instant now) {
        return !now.isBefore(pruneAfter);
    }

    static Revocation of(RevocationEntity e) {
        return new Revocation(e.getId(), e.getRealmId(), e.getWindowId(), e.getAccountId(), e.getRoleName(),
                e.getSlots(), Instant.ofEpochMilli(e.getRevokedAt()), RevocationState.valueOf(e.getState()),
                e.getAttempts(), Instant.ofEpochMilli(e.getNextAttemptAt()), e.getLastError(),
                e.getAppliedAt() == null ? null : Instant.ofEpochMilli(e.getAppliedAt()),
                Instant.ofEpochMilli(e.getPruneAfter()));
    }
}
