package io.elevate.admin;

import io.elevate.revoke.Revocation;

import java.time.Instant;
import java.util.List;

/**
 * The realm's revocation outbox as the admin API shows it; times are ISO-8601 instants. {@code awsEnabled} false
 * means this server only queues revocations: live AWS sessions are not ended.
 */
public record RevocationsRepresentation(boolean awsEnabled, String note, List<Row> revocations) {

    static RevocationsRepresentation of(boolean awsEnabled, List<Revocation> rows) {
        String note = awsEnabled ? null : "AWS is not enabled on this server (--spi-elevate-aws--default--"
                + "enabled=true): revocations are queued but not put in IAM, so live AWS sessions last until they "
                + "expire";
        return new RevocationsRepresentation(awsEnabled, note, rows.stream().map(Row::of).toList());
    }

    public record Row(String id, String windowId, String accountId, String roleName, String roleArn, String revokedAt,
                      String state, int attempts, String nextAttemptAt, String lastError, String appliedAt,
                      String pruneAfter) {

        static Row of(Revocation r) {
            return new Row(r.id(), r.windowId(), r.accountId(), r.roleName(), r.roleArn(), text(r.revokedAt()),
                    r.state().name(), r.attempts(), text(r.nextAttemptAt()), r.lastError(), text(r.appliedAt()),
                    text(r.pruneAfter()));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }
}
