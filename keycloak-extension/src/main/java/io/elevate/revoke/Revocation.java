package io.elevate.revoke;

import io.elevate.Arns;
import io.elevate.AwsPartition;

import java.time.Instant;

/**
 * One row of the revocation outbox, as the worker and the admin view read it. A role is its partition, account and
 * name: the partition (from the revoked window's region) says which IAM the worker updates and how its ARN reads.
 */
public record Revocation(String id, String realmId, String windowId, AwsPartition partition, String accountId,
                         String roleName, int slots, Instant revokedAt, RevocationState state, int attempts,
                         Instant nextAttemptAt, String lastError, Instant appliedAt, Instant pruneAfter) {

    /** True once no session started before the revoke can still be alive: the role's policy may drop the id. */
    public boolean prunedAt(Instant now) {
        return !now.isBefore(pruneAfter);
    }

    /** The role's ARN in its partition, such as {@code arn:aws-us-gov:iam::123456789012:role/Ops}. */
    public String roleArn() {
        return Arns.role(partition, accountId, roleName);
    }

    static Revocation of(RevocationEntity e) {
        return new Revocation(e.getId(), e.getRealmId(), e.getWindowId(), partition(e.getPartition()),
                e.getAccountId(), e.getRoleName(), e.getSlots(), Instant.ofEpochMilli(e.getRevokedAt()),
                RevocationState.valueOf(e.getState()), e.getAttempts(), Instant.ofEpochMilli(e.getNextAttemptAt()),
                e.getLastError(), e.getAppliedAt() == null ? null : Instant.ofEpochMilli(e.getAppliedAt()),
                Instant.ofEpochMilli(e.getPruneAfter()));
    }

    /** The partition a row names; a value Elevate never writes is an error, not a guess. */
    static AwsPartition partition(String id) {
        return AwsPartition.ofId(id).orElseThrow(() -> new IllegalStateException(
                "a revocation row names the partition " + id + ", which is not aws, aws-us-gov or aws-cn"));
    }
}
