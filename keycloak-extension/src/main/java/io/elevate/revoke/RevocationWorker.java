package io.elevate.revoke;

import io.elevate.aws.client.AwsClients;
import io.elevate.aws.iam.RevocationPolicy;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Brings each IAM role with due outbox rows in line with the outbox: puts its deny policy naming every revoked,
 * not yet pruned window of the role (or deletes the policy when none is left), then marks the rows APPLIED and
 * deletes the pruned ones; on failure marks the due rows FAILED and backs off. Run by the cluster-aware timer, with
 * no database transaction open during an IAM call; every change of a row is audited.
 */
public final class RevocationWorker {

    private static final Logger LOG = Logger.getLogger(RevocationWorker.class);
    private static final int ROLES_PER_RUN = 20;

    private final RolePolicies iam;
    private final Backoff backoff;
    private final String accountId;
    private final Function<KeycloakSession, RevocationOutbox> outboxes;

    RevocationWorker(RolePolicies iam, Backoff backoff, String accountId,
                     Function<KeycloakSession, RevocationOutbox> outboxes) {
        this.iam = iam;
        this.backoff = backoff;
        this.accountId = accountId == null || accountId.isBlank() ? null : accountId.trim();
        this.outboxes = outboxes;
    }

    /**
     * @param aws       the server's AWS clients; rows of roles outside its {@code account-id} (when set) fail
     * @param retryBase the wait after the first failure; it doubles up to 15 minutes
     * @param outboxes  the outbox of a session (its store's)
     */
    public static RevocationWorker aws(AwsClients aws, Duration retryBase,
                                       Function<KeycloakSession, RevocationOutbox> outboxes) {
        return new RevocationWorker(new AwsRolePolicies(aws.iam()), new Backoff(retryBase), aws.settings().accountId(),
                outboxes);
    }

    /**
     * Returns how many roles were brought in line. Each role takes three steps: read its rows (one short transaction),
     * call IAM (no transaction open, so a slow AWS never holds a database connection or lock), then record the result
     * on the rows that call covered (a second short transaction; a row queued meanwhile waits for the next run).
     */
    public int run(KeycloakSessionFactory factory, Instant now, Runnable onFailure) {
        List<RevocationOutbox.RoleKey> roles = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> outboxes.apply(session).dueRoles(now, ROLES_PER_RUN));
        int synced = 0;
        for (RevocationOutbox.RoleKey role : roles) {
            try {
                if (sync(factory, role, now)) {
                    synced++;
                }
            } catch (RuntimeException e) {
                // this role's rows roll back alone and are taken again at the next run; the other roles go on
                onFailure.run();
                LOG.warnf(e, "Elevate could not record the revocation policy of %s; it is tried again at the next run",
                        role.arn());
            }
        }
        return synced;
    }

    private boolean sync(KeycloakSessionFactory factory, RevocationOutbox.RoleKey role, Instant now) {
        Plan plan = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> Plan.of(outboxes.apply(session).rowsOf(role), now));
        String error = call(role, plan.ids(), plan.slots());
        KeycloakModelUtils.runJobInTransaction(factory,
                session -> record(outboxes.apply(session), role, plan, error, now));
        return error == null;
    }

    /** What one IAM call for a role covers: the windows whose rows were read, the ids the policy names, its slots. */
    private record Plan(Set<String> windowIds, List<String> ids, int slots) {
        static Plan of(List<RevocationEntity> rows, Instant now) {
            List<Revocation> views = rows.stream().map(Revocation::of).toList();
            Set<String> windows = new HashSet<>();
            rows.forEach(row -> windows.add(row.getWindowId()));
            return new Plan(windows, RevokedIds.of(views, now), RevokedIds.slots(views, now));
        }
    }

    private void record(RevocationOutbox outbox, RevocationOutbox.RoleKey role, Plan plan, String error,
                        Instant now) {
        for (RevocationEntity row : outbox.rowsOf(role)) {
            if (!plan.windowIds().contains(row.getWindowId())) {
                continue;
            }
            boolean pruned = now.toEpochMilli() >= row.getPruneAfter();
            boolean due = row.getNextAttemptAt() <= now.toEpochMilli();
            if (error == null) {
                if (pruned) {
                    outbox.audit("REVOCATION_PRUNED", row, now);
                    outbox.delete(row);
                } else if (!RevocationState.APPLIED.name().equals(row.getState())) {
                    row.setState(RevocationState.APPLIED.name());
                    row.setAppliedAt(now.toEpochMilli());
                    row.setNextAttemptAt(row.getPruneAfter());
                    outbox.audit("REVOCATION_APPLIED", row, now);
                }
            } else if (due) {
                row.setState(RevocationState.FAILED.name());
                row.setAttempts(row.getAttempts() + 1);
                row.setNextAttemptAt(now.plus(backoff.after(row.getAttempts())).toEpochMilli());
                row.setLastError(error);
                outbox.audit("REVOCATION_FAILED", row, now);
            }
        }
        if (error != null) {
            LOG.warnf("Elevate could not update the revocation policy of %s: %s", role.arn(), error);
        } else {
            LOG.debugf("Elevate's revocation policy of %s names %d revoked window(s)", role.arn(), plan.ids().size());
        }
    }

    /** Puts or deletes the policy; returns the error text, or null on success. */
    private String call(RevocationOutbox.RoleKey role, List<String> ids, int slots) {
        if (accountId != null && !accountId.equals(role.accountId())) {
            return "the server's AWS credentials are for account " + accountId + ", not " + role.accountId();
        }
        try {
            Optional<String> document = RevocationPolicy.compact(slots, ids);
            if (document.isPresent()) {
                iam.put(role, document.get());
            } else {
                iam.delete(role);
            }
            return null;
        } catch (RuntimeException e) {
            return RolePolicies.describe(e);
        }
    }
}
