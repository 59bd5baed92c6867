package io.elevate.revoke;

import io.elevate.aws.client.AwsClients;
import io.elevate.aws.policy.RevocationPolicy;
import io.elevate.outbox.Backoff;
import io.elevate.outbox.Outbox;
import io.elevate.outbox.OutboxRunner;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

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
 * deletes the pruned ones; on failure marks the due rows FAILED and backs off. Run by the cluster-aware timer through
 * the {@link OutboxRunner} (one role at a time: read its rows, call IAM with no transaction open, record the result on
 * the rows that call covered; a row queued meanwhile waits for the next run); every change of a row is audited.
 */
public final class RevocationWorker implements Outbox<RevocationOutbox.RoleKey, RevocationWorker.Plan, String> {

    private static final Logger LOG = Logger.getLogger(RevocationWorker.class);
    private static final OutboxRunner RUNNER = new OutboxRunner(20);

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
     * @param aws       the server's AWS clients: each role is updated through the IAM client of its partition, with the
     *                  server's one set of credentials (a role in a partition they do not belong to fails with AWS's
     *                  error, recorded on its rows and retried with backoff); rows of roles outside its
     *                  {@code account-id} (when set) fail
     * @param retryBase the wait after the first failure; it doubles up to 15 minutes
     * @param outboxes  the outbox of a session (its store's)
     */
    public static RevocationWorker aws(AwsClients aws, Duration retryBase,
                                       Function<KeycloakSession, RevocationOutbox> outboxes) {
        return new RevocationWorker(new AwsRolePolicies(aws::iam), new Backoff(retryBase), aws.settings().accountId(),
                outboxes);
    }

    /** Returns how many roles were brought in line; a role that fails is logged and taken again at the next run. */
    public int run(KeycloakSessionFactory factory, Instant now, Runnable onFailure) {
        return RUNNER.run(factory, this, now, onFailure);
    }

    /**
     * What one IAM call for a role covers: the role, the windows whose rows were read, the ids the policy names, its
     * slots.
     */
    record Plan(RevocationOutbox.RoleKey role, Set<String> windowIds, List<String> ids, int slots,
                Instant latestRevoke) {
        static Plan of(RevocationOutbox.RoleKey role, List<RevocationEntity> rows, Instant now) {
            List<Revocation> views = rows.stream().map(Revocation::of).toList();
            Set<String> windows = new HashSet<>();
            rows.forEach(row -> windows.add(row.getWindowId()));
            return new Plan(role, windows, RevokedIds.of(views, now), RevokedIds.slots(views, now),
                    RevokedIds.latestRevoke(views, now));
        }
    }

    @Override
    public List<RevocationOutbox.RoleKey> due(KeycloakSession session, Instant now, int max) {
        return outboxes.apply(session).dueRoles(now, max);
    }

    @Override
    public Optional<Plan> read(KeycloakSession session, RevocationOutbox.RoleKey role, Instant now) {
        return Optional.of(Plan.of(role, outboxes.apply(session).rowsOf(role), now));
    }

    /** Puts or deletes the role's policy; returns the error text, or null on success. */
    @Override
    public String call(Plan plan) {
        RevocationOutbox.RoleKey role = plan.role();
        if (accountId != null && !accountId.equals(role.accountId())) {
            return "the server's AWS credentials are for account " + accountId + ", not " + role.accountId();
        }
        try {
            Optional<String> document = RevocationPolicy.compact(plan.slots(), plan.ids(), plan.latestRevoke());
            String issuedBefore = RevocationPolicy.compactIssuedBefore(plan.latestRevoke());
            if (document.filter(issuedBefore::equals).isPresent()) {
                LOG.warnf("The %d revoked windows of %s do not fit in IAM's %d characters: its revocation policy denies"
                        + " every session of the role issued before %s", plan.ids().size(), role.arn(),
                        RevocationPolicy.MAX_CHARACTERS, plan.latestRevoke().plus(RevocationPolicy.SIGN_IN_MARGIN));
            }
            if (document.isPresent()) {
                try {
                    iam.put(role, document.get());
                } catch (LimitExceededException e) {
                    // the role's other inline policies leave less room than IAM's limit: fail closed with the
                    // smallest document, which ends every session issued before the latest revoke
                    if (issuedBefore.equals(document.get())) {
                        throw e;
                    }
                    LOG.warnf("IAM refused the revocation policy of %s as too large (%s): it denies every session of"
                            + " the role issued before %s instead", role.arn(), e.getMessage(),
                            plan.latestRevoke().plus(RevocationPolicy.SIGN_IN_MARGIN));
                    iam.put(role, issuedBefore);
                }
            } else {
                iam.delete(role);
            }
            return null;
        } catch (RuntimeException e) {
            return RolePolicies.describe(e);
        }
    }

    @Override
    public boolean record(KeycloakSession session, RevocationOutbox.RoleKey role, Plan plan, String error,
                          Instant now) {
        RevocationOutbox outbox = outboxes.apply(session);
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
                row.setNextAttemptAt(backoff.next(now, row.getAttempts()));
                row.setLastError(error);
                outbox.audit("REVOCATION_FAILED", row, now);
            }
        }
        if (error != null) {
            LOG.warnf("Elevate could not update the revocation policy of %s: %s", role.arn(), error);
        } else {
            LOG.debugf("Elevate's revocation policy of %s names %d revoked window(s)", role.arn(), plan.ids().size());
        }
        return error == null;
    }

    @Override
    public String describe(RevocationOutbox.RoleKey role) {
        return "the revocation policy of " + role.arn();
    }
}
