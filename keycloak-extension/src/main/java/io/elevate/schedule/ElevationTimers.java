package io.elevate.schedule;

import io.elevate.audit.AuditLog;
import io.elevate.breakglass.OsCredentialWorker;
import io.elevate.notify.Notifiers;
import io.elevate.revoke.RevocationWorker;
import io.elevate.workflow.ElevationWorkflow;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Elevate's periodic work, once a run for every realm: expire pending requests whose time ran out, tell requesters
 * whose window ends soon, and delete audit rows past their retention; then, once for all realms, put the revocation
 * deny policies of roles with due outbox rows in IAM and move break-glass OS credentials on through SSM (when AWS is
 * enabled). Keycloak runs it in a transaction.
 */
final class ElevationTimers implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ElevationTimers.class);

    private final Clock clock;
    private final Duration endNotice;
    private final Duration auditRetention;
    private final RevocationWorker revocations;
    private final OsCredentialWorker osCredentials;

    /**
     * @param revocations   the IAM step, or null when AWS is not enabled on this server
     * @param osCredentials the SSM step of break-glass OS credentials, or null when AWS is not enabled
     */
    ElevationTimers(Clock clock, Duration endNotice, Duration auditRetention, RevocationWorker revocations,
                    OsCredentialWorker osCredentials) {
        this.clock = clock;
        this.endNotice = endNotice;
        this.auditRetention = auditRetention;
        this.revocations = revocations;
        this.osCredentials = osCredentials;
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = clock.instant();
        if (revocations != null) {
            // first, in transactions of its own, before this task's transaction has touched the database
            revocations.run(session.getKeycloakSessionFactory(), now);
        }
        session.realms().getRealmsStream().forEach(realm -> runFor(session, realm, now));
        if (osCredentials != null) {
            osCredentials.run(session, now);
        }
    }

    private void runFor(KeycloakSession session, RealmModel realm, Instant now) {
        session.getContext().setRealm(realm);
        ElevationWorkflow workflow = new ElevationWorkflow(session, realm, Notifiers.of(session, realm), null);
        int expired = workflow.expirePending(now);
        int told = workflow.noticeEndings(endNotice, now);
        int deleted = new AuditLog(session, realm).deleteOlderThan(now.minus(auditRetention));
        if (expired + told + deleted > 0) {
            LOG.debugf("Realm %s: %d request(s) expired, %d end notice(s), %d audit row(s) past retention",
                    realm.getName(), expired, told, deleted);
        }
    }

    @Override
    public String getTaskName() {
        return "elevate-timers";
    }
}
