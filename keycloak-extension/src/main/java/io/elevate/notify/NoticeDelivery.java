package io.elevate.notify;

import io.elevate.ServerClock;
import io.elevate.aws.client.ElevateAws;
import io.elevate.outbox.Backoff;
import io.elevate.outbox.Outbox;
import io.elevate.outbox.OutboxRunner;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Delivers the rows of the {@link NoticeOutbox} through the shared {@link OutboxRunner}: claims a due row (one node of
 * the cluster gets it) and reads what its call needs, calls the receiver with no transaction open, then records the
 * answer: SENT (never sent again), or FAILED and due after the {@link Backoff} (or the receiver's Retry-After), or
 * GIVEN_UP when trying again cannot help or the notice has failed for a day. Run by Elevate's timer, and right after
 * the commit that wrote the rows, so a notice normally goes out at once and is retried by the timer when it did not.
 */
public final class NoticeDelivery implements Outbox<String, NoticeDelivery.Step, Outcome> {

    private static final Logger LOG = Logger.getLogger(NoticeDelivery.class);
    private static final OutboxRunner RUNNER = new OutboxRunner(100);
    /** The setting of the wait after a first failure, on the timers' SPI. */
    public static final String RETRY_SETTING = "noticeRetrySeconds";
    static final long DEFAULT_RETRY_SECONDS = 15;

    private final KeycloakSessionFactory factory;
    private final Backoff backoff;

    NoticeDelivery(KeycloakSessionFactory factory, Backoff backoff) {
        this.factory = factory;
        this.backoff = backoff;
    }

    /** The delivery of this server: its retry base from {@code --spi-elevate-timers--default--notice-retry-seconds}. */
    public static NoticeDelivery of(KeycloakSessionFactory factory) {
        Config.Scope timers = Config.scope("elevate-timers", "default");
        long seconds = timers == null ? DEFAULT_RETRY_SECONDS
                : timers.getLong(RETRY_SETTING, DEFAULT_RETRY_SECONDS);
        return of(factory, Duration.ofSeconds(Math.max(1, seconds)));
    }

    /** The delivery with the given wait after a first failure (the timers' factory, which has read the setting). */
    public static NoticeDelivery of(KeycloakSessionFactory factory, Duration retryBase) {
        return new NoticeDelivery(factory, new Backoff(retryBase));
    }

    /** One run over the due rows; returns how many were delivered. */
    public int run(Instant now, Runnable onFailure) {
        return RUNNER.run(factory, this, now, onFailure);
    }

    /** Delivers the given rows now (right after the commit that wrote them); the timer retries what fails. */
    int runNow(List<String> ids) {
        return RUNNER.runItems(factory, this, ids, ServerClock.UTC.instant(), () -> { });
    }

    /** Deletes delivered and given-up rows past their keeping time; returns how many. */
    public int prune(Instant now) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> new NoticeOutbox(s).prune(now));
    }

    /** What one call needs: the claimed row and the call itself, built from the realm's settings at read time. */
    record Step(String id, String token, String what, Supplier<Outcome> send) {
    }

    @Override
    public List<String> due(KeycloakSession session, Instant now, int max) {
        return new NoticeOutbox(session).due(now, max);
    }

    @Override
    public Optional<Step> read(KeycloakSession session, String id, Instant now) {
        String token = UUID.randomUUID().toString();
        return new NoticeOutbox(session).claim(id, token, now).map(row -> {
            String what = "the " + row.getKind() + " notice for " + row.getWindowId() + " to " + row.getChannel()
                    + " " + row.getReceiver();
            RealmModel realm = session.realms().getRealm(row.getRealmId());
            if (realm == null) {
                return new Step(id, token, what, () -> Outcome.refused("the realm no longer exists"));
            }
            session.getContext().setRealm(realm);
            Notice notice = NoticeCodec.read(row.getPayload());
            return new Step(id, token, what, sender(session, realm, row, notice));
        });
    }

    private Supplier<Outcome> sender(KeycloakSession session, RealmModel realm, NoticeEntity row, Notice notice) {
        NotificationSettings settings = RealmNotifications.of(realm);
        String realmId = realm.getId();
        switch (NoticeChannel.valueOf(row.getChannel())) {
            case EMAIL -> {
                Optional<Notice.Person> person = notice.recipients().stream()
                        .filter(p -> p.username().equals(row.getReceiver())).findFirst();
                if (person.isEmpty()) {
                    return () -> Outcome.refused("the notice names no recipient " + row.getReceiver());
                }
                return () -> KeycloakModelUtils.runJobInTransactionWithResult(factory, job -> {
                    RealmModel jobRealm = job.realms().getRealm(realmId);
                    return jobRealm == null ? Outcome.refused("the realm no longer exists")
                            : EmailNotifier.deliver(job, jobRealm, notice, person.get());
                });
            }
            case SNS -> {
                if (settings.snsTopicArn() == null) {
                    return () -> Outcome.refused("the realm no longer names an SNS topic");
                }
                ElevateAws aws = session.getProvider(ElevateAws.class);
                if (aws == null || !aws.enabled()) {
                    return () -> Outcome.refused("AWS is not enabled on this server "
                            + "(--spi-elevate-aws--default--enabled)");
                }
                SnsNotifier sns = new SnsNotifier(aws.clients()::sns, settings.snsTopicArn(), realm.getName());
                return () -> Outcome.of(sns.deliver(notice));
            }
            case WEBHOOK -> {
                if (settings.webhookUrl() == null || settings.signingKey() == null) {
                    return () -> Outcome.refused("the realm no longer names a webhook");
                }
                String issuer = settings.issuer() != null ? settings.issuer()
                        : NotificationsPageFactory.realmUrl(session, realm);
                WebhookNotifier webhook = new WebhookNotifier(settings.webhookUrl(), settings.signingKey(),
                        issuer != null ? issuer : "urn:elevate:realm:" + realm.getName(), realm.getName(),
                        ServerClock.UTC);
                return () -> Outcome.of(webhook.deliver(notice));
            }
            case SLACK, TEAMS -> {
                return Chat.sender(session, realm, settings, row, notice);
            }
            default -> throw new IllegalStateException("no channel " + row.getChannel());
        }
    }

    @Override
    public Outcome call(Step step) {
        try {
            return step.send().get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Elevate could not deliver %s", step.what());
            return Outcome.failed(e.toString());
        }
    }

    @Override
    public boolean record(KeycloakSession session, String id, Step step, Outcome outcome, Instant now) {
        Optional<NoticeEntity> claimed = new NoticeOutbox(session).claimed(id, step.token());
        if (claimed.isEmpty()) {
            LOG.warnf("Elevate lost its claim on %s while delivering it", step.what());
            return false;
        }
        NoticeEntity row = claimed.get();
        row.setClaim(null);
        row.setClaimedUntil(0);
        if (outcome.ok()) {
            row.setState(NoticeState.SENT.name());
            row.setSentAt(now.toEpochMilli());
            row.setReply(outcome.reply());
            row.setLastError(null);
            LOG.debugf("Delivered %s", step.what());
            return true;
        }
        row.setAttempts(row.getAttempts() + 1);
        String error = outcome.error();
        row.setLastError(error.length() > 1024 ? error.substring(0, 1023) + "…" : error);
        if (outcome.permanent() || now.toEpochMilli() - row.getCreatedAt() >= NoticeOutbox.GIVE_UP_AFTER.toMillis()) {
            row.setState(NoticeState.GIVEN_UP.name());
            LOG.errorf("Elevate gave up %s: %s", step.what(), error);
        } else {
            row.setState(NoticeState.FAILED.name());
            long next = backoff.next(now, row.getAttempts());
            if (outcome.retryAfter() != null) {
                next = Math.max(next, now.plus(outcome.retryAfter()).toEpochMilli());
            }
            row.setNextAttemptAt(next);
            LOG.warnf("Elevate could not deliver %s (attempt %d, next at %s): %s", step.what(), row.getAttempts(),
                    Instant.ofEpochMilli(next), error);
        }
        return false;
    }

    @Override
    public String describe(String id) {
        return "notice " + id;
    }
}
