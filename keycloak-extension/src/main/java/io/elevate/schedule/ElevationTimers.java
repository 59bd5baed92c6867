package io.elevate.schedule;

import io.elevate.breakglass.OsCredentialWorker;
import io.elevate.metrics.ElevateMetrics;
import io.elevate.notify.NoticeDelivery;
import io.elevate.notify.Notifiers;
import io.elevate.revoke.RevocationWorker;
import io.elevate.workflow.ElevationStore;
import io.elevate.workflow.ElevationWorkflow;
import io.elevate.workflow.TimerSteps;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Elevate's periodic work: put the revocation deny policies of roles with due outbox rows in IAM (when AWS is
 * enabled); then, realm by realm, expire pending requests whose time ran out, tell requesters whose window ends soon,
 * and delete audit rows past their retention; then move break-glass OS credentials on through SSM (when AWS is
 * enabled); then deliver the due rows of the notice outbox (email, SNS, webhook, Slack, Teams) and delete delivered
 * ones past their keeping time.
 *
 * <p>Every item runs in a transaction of its own (one request expired, one notice, one realm's audit pruning, one
 * role's or one OS credential's database steps), so a row that fails or meets a lock rolls back alone: it is logged,
 * counted ({@code elevate_timer_failures_total}) and taken again at the next run, and the other items and realms go on.
 * The session Keycloak's cluster-aware runner hands over is used for nothing but that runner's lock (one node runs the
 * timers at a time): no database work, so no AWS call is made with a database transaction open.
 */
final class ElevationTimers implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ElevationTimers.class);
    /** Items of one kind a realm gets per run; the rest wait for the next run. */
    static final int ITEMS_PER_RUN = 200;

    private final Clock clock;
    private final Duration endNotice;
    private final Duration auditRetention;
    private final RevocationWorker revocations;
    private final OsCredentialWorker osCredentials;
    private final NoticeDelivery notices;

    /**
     * @param revocations   the IAM step, or null when AWS is not enabled on this server
     * @param osCredentials the SSM step of break-glass OS credentials, or null when AWS is not enabled
     * @param notices       the delivery of the notice outbox
     */
    ElevationTimers(Clock clock, Duration endNotice, Duration auditRetention, RevocationWorker revocations,
                    OsCredentialWorker osCredentials, NoticeDelivery notices) {
        this.clock = clock;
        this.endNotice = endNotice;
        this.auditRetention = auditRetention;
        this.revocations = revocations;
        this.osCredentials = osCredentials;
        this.notices = notices;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Instant now = clock.instant();
        if (revocations != null) {
            step(factory, "revocation", "the revocation outbox", s -> revocations.run(factory, now,
                    () -> ElevateMetrics.timerItemFailed("revocation")));
        }
        List<String> realmIds = step(factory, "realms", "the list of realms", s -> KeycloakModelUtils
                .runJobInTransactionWithResult(factory, t -> t.realms().getRealmsStream().map(RealmModel::getId)
                        .toList()));
        for (String realmId : realmIds == null ? List.<String>of() : realmIds) {
            runFor(factory, realmId, now);
        }
        if (osCredentials != null) {
            step(factory, "os_credential", "the break-glass OS credentials", s -> osCredentials.run(factory, now,
                    () -> ElevateMetrics.timerItemFailed("os_credential")));
        }
        // after the realms' steps, so the notices they wrote (expiries, end notices) go out in this run
        step(factory, "notice", "the notice outbox", s -> notices.run(now,
                () -> ElevateMetrics.timerItemFailed("notice")));
        step(factory, "notice_retention", "the delivered notices past retention", s -> notices.prune(now));
        ElevateMetrics.timerRun();
    }

    /** One realm's expiry, end notices and audit pruning: each request, notice and the pruning alone. */
    private void runFor(KeycloakSessionFactory factory, String realmId, Instant now) {
        List<String> expiring = inRealm(factory, "expiry", realmId, "the requests to expire",
                workflow -> workflow.expiredRequests(now, ITEMS_PER_RUN));
        int expired = 0;
        for (String id : expiring == null ? List.<String>of() : expiring) {
            if (Boolean.TRUE.equals(inRealm(factory, "expiry", realmId, "request " + id,
                    workflow -> workflow.expire(id, now)))) {
                expired++;
            }
        }
        List<String> ending = inRealm(factory, "end_notice", realmId, "the windows ending soon",
                workflow -> workflow.endingWithoutNotice(endNotice, now, ITEMS_PER_RUN));
        int told = 0;
        for (String id : ending == null ? List.<String>of() : ending) {
            if (Boolean.TRUE.equals(inRealm(factory, "end_notice", realmId, "the end notice of window " + id,
                    workflow -> workflow.noticeEnding(id, endNotice, now)))) {
                told++;
            }
        }
        Integer deleted = step(factory, "audit_retention", "the audit rows of realm " + realmId + " past retention",
                s -> KeycloakModelUtils.runJobInTransactionWithResult(factory, t -> {
                    RealmModel realm = t.realms().getRealm(realmId);
                    return realm == null ? 0 : ElevationStore.of(t).audit(realm).deleteOlderThan(now.minus(auditRetention));
                }));
        if (expired + told + (deleted == null ? 0 : deleted) > 0) {
            LOG.debugf("Realm %s: %d request(s) expired, %d end notice(s), %d audit row(s) past retention",
                    realmId, expired, told, deleted);
        }
    }

    /**
     * Runs {@code work} with the realm's timer steps in a transaction of its own; null when the realm is gone or the work
     * failed (logged, counted, rolled back).
     */
    private static <T> T inRealm(KeycloakSessionFactory factory, String step, String realmId, String what,
                                 Function<TimerSteps, T> work) {
        return step(factory, step, what + " in realm " + realmId,
                s -> KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (realm == null) {
                        return null;
                    }
                    session.getContext().setRealm(realm);
                    return work.apply(new ElevationWorkflow(session, realm, Notifiers.of(session, realm), null).timers());
                }));
    }

    /** Runs one item; a failure is logged and counted, and leaves the item for the next run. */
    private static <T> T step(KeycloakSessionFactory factory, String step, String what,
                              Function<KeycloakSessionFactory, T> work) {
        try {
            return work.apply(factory);
        } catch (RuntimeException e) {
            ElevateMetrics.timerItemFailed(step);
            LOG.warnf(e, "Elevate's timer could not handle %s; it is tried again at the next run", what);
            return null;
        }
    }

    @Override
    public String getTaskName() {
        return "elevate-timers";
    }
}
