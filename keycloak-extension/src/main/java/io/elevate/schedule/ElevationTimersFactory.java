package io.elevate.schedule;

import io.elevate.ServerClock;
import io.elevate.Elevate;
import io.elevate.aws.client.AwsClients;
import io.elevate.aws.client.ElevateAws;
import io.elevate.breakglass.OsCredentialWorker;
import io.elevate.metrics.gauges.DatabaseGauges;
import io.elevate.metrics.ElevateMetrics;
import io.elevate.notify.NoticeDelivery;
import io.elevate.notify.SlackApi;
import io.elevate.revoke.RevocationWorker;
import io.elevate.workflow.ElevationStore;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code elevate-timers} SPI's provider: schedules {@link ElevationTimers} on server start, run by one node of the
 * cluster at a time (Keycloak's cluster-aware runner); each step is also idempotent (an expired request or a sent
 * notice is marked in the same transaction). Settings ({@code --spi-elevate-timers--default--<name>} or
 * {@code KC_SPI_ELEVATE_TIMERS__DEFAULT__<NAME>}): {@code interval-seconds} (default 30), {@code end-notice-minutes}
 * (15), {@code audit-retention-days} (400), {@code revocation-retry-seconds} (15, doubling up to 15 minutes). Whether
 * revocations and break-glass OS credentials reach AWS, and how, is the {@code elevate-aws} SPI's setting, read through
 * its provider. Its {@code postInit} also registers Elevate's database gauges ({@link DatabaseGauges}) and transition
 * counters, once per server.
 */
public final class ElevationTimersFactory implements ProviderFactory<ElevateTimers>, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";

    private static final Logger LOG = Logger.getLogger(ElevationTimersFactory.class);

    private long intervalSeconds = 30;
    private long endNoticeMinutes = 15;
    private long auditRetentionDays = 400;
    private long revocationRetrySeconds = 15;
    private long noticeRetrySeconds = 15;
    private DatabaseGauges gauges;

    @Override
    public void init(Config.Scope config) {
        intervalSeconds = positive(config, "intervalSeconds", intervalSeconds);
        endNoticeMinutes = positive(config, "endNoticeMinutes", endNoticeMinutes);
        auditRetentionDays = positive(config, "auditRetentionDays", auditRetentionDays);
        revocationRetrySeconds = positive(config, "revocationRetrySeconds", revocationRetrySeconds);
        noticeRetrySeconds = positive(config, NoticeDelivery.RETRY_SETTING, noticeRetrySeconds);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        AwsClients aws = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            ElevateAws provider = session.getProvider(ElevateAws.class);
            return provider == null ? null : provider.clients();
        });
        gauges = DatabaseGauges.register(factory);
        ElevateMetrics.registerTransitions();
        ElevateMetrics.registerTimers();
        RevocationWorker revocations = null;
        OsCredentialWorker osCredentials = null;
        if (aws != null && aws.settings().enabled()) {
            revocations = RevocationWorker.aws(aws, Duration.ofSeconds(revocationRetrySeconds),
                    session -> ElevationStore.of(session).revocations());
            // the same retry base as revocations; a running command is asked about at every run
            osCredentials = OsCredentialWorker.aws(aws, Duration.ofSeconds(revocationRetrySeconds), Duration.ZERO,
                    session -> ElevationStore.of(session).osCredentials());
            LOG.info("Elevate puts revocation deny policies in IAM and sets break-glass OS passwords through SSM");
        }
        ElevationTimers timers = new ElevationTimers(ServerClock.UTC, Duration.ofMinutes(endNoticeMinutes),
                Duration.ofDays(auditRetentionDays), revocations, osCredentials, NoticeDelivery.of(factory,
                Duration.ofSeconds(noticeRetrySeconds)));
        long interval = Duration.ofSeconds(intervalSeconds).toMillis();
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(new ClusterAwareScheduledTaskRunner(factory, timers, interval), interval,
                        timers.getTaskName()));
    }

    @Override
    public ElevateTimers create(KeycloakSession session) {
        return new ElevateTimers(Duration.ofSeconds(intervalSeconds));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("intervalSeconds").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(30)
                .helpText("How often pending requests are expired and end notices sent.").add()
                .property().name("endNoticeMinutes").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(15)
                .helpText("How long before a window ends its requester is told.").add()
                .property().name("auditRetentionDays").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(400)
                .helpText("How long Elevate's audit rows are kept.").add()
                .property().name("revocationRetrySeconds").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(15)
                .helpText("Wait after a failed IAM or SSM call; it doubles with each failure, up to 15 minutes.").add()
                .property().name(NoticeDelivery.RETRY_SETTING).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(15)
                .helpText("Wait after a failed notice delivery (email, SNS, webhook, Slack, Teams); it doubles with "
                        + "each failure, up to 15 minutes; a notice is given up after a day.").add()
                .property().name(SlackApi.URL_SETTING).type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue("https://slack.com/api/")
                .helpText("The base URL of Slack's Web API (a proxy or a stand-in); read once per server.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", Elevate.version());
        info.put("intervalSeconds", Long.toString(intervalSeconds));
        info.put("endNoticeMinutes", Long.toString(endNoticeMinutes));
        info.put("auditRetentionDays", Long.toString(auditRetentionDays));
        info.put("revocationRetrySeconds", Long.toString(revocationRetrySeconds));
        info.put(NoticeDelivery.RETRY_SETTING, Long.toString(noticeRetrySeconds));
        return info;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
        if (gauges != null) {
            gauges.close();
        }
    }

    private static long positive(Config.Scope config, String key, long fallback) {
        long value = config.getLong(key, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(ElevateTimersSpi.NAME + " " + key + " must be at least 1, not " + value);
        }
        return value;
    }
}
