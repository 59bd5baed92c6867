package io.elevate.metrics.gauges;

import io.elevate.ServerClock;
import io.elevate.window.WindowStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The gauges read from Keycloak's database: windows by state, and the depth and age of the revocation and notice
 * outboxes.
 *
 * <p>A gauge is read when Prometheus scrapes, on a thread that has no {@code KeycloakSession} (and, in Quarkus, may be
 * an I/O thread where a JDBC call is refused). So the counts are taken in a transaction of their own, on one worker
 * thread of this class, and kept for {@link #MAX_AGE}: every gauge of a scrape reads the same {@link Snapshot}, and
 * scrapes from several Prometheus servers cost one set of queries per 15 s. If the database does not answer within
 * {@link #QUERY_TIMEOUT} the last counts are kept and the failure is logged.
 */
public final class DatabaseGauges {

    static final Duration MAX_AGE = Duration.ofSeconds(15);
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(DatabaseGauges.class);

    private final Function<Instant, Snapshot> source;
    private final Clock clock;
    private final ExecutorService worker;
    private Snapshot last = Snapshot.empty();
    private Instant triedAt = Instant.EPOCH;

    DatabaseGauges(Function<Instant, Snapshot> source, Clock clock, ExecutorService worker) {
        this.source = source;
        this.clock = clock;
        this.worker = worker;
    }

    /**
     * Registers the gauges on Micrometer's global registry, counting through {@code factory}. Call once per server
     * (a factory's {@code postInit}); Micrometer keeps the first gauge of a name and tags, so a second call adds none.
     */
    public static DatabaseGauges register(KeycloakSessionFactory factory) {
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "elevate-metrics");
            thread.setDaemon(true);
            return thread;
        });
        DatabaseGauges gauges = new DatabaseGauges(now -> KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> SnapshotQuery.take(session, now)), ServerClock.UTC, worker);
        gauges.registerOn(Metrics.globalRegistry);
        return gauges;
    }

    void registerOn(MeterRegistry registry) {
        for (WindowStatus status : WindowStatus.values()) {
            Gauge.builder("elevate.windows", this, g -> g.current().windows().get(status))
                    .description("Elevation windows (requests) in the database, by state; approved includes ended ones")
                    .tag("state", status.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("elevate.windows.open", this, g -> g.current().openWindows())
                .description("Approved windows open right now: users who can sign in to AWS")
                .strongReference(true)
                .register(registry);
        Gauge.builder("elevate.revocation.outbox.depth", this, g -> g.current().outboxDepth())
                .description("Revocations not yet applied in IAM (pending or failed): live AWS sessions not yet cut")
                .strongReference(true)
                .register(registry);
        Gauge.builder("elevate.revocation.outbox.oldest.age", this,
                        g -> g.current().outboxOldestAgeSeconds(g.clock.instant()))
                .description("How long the oldest revocation not yet applied in IAM has waited; 0 when none")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("elevate.notice.outbox.depth", this, g -> g.current().noticeDepth())
                .description("Notices not yet delivered (pending or failed and retried): email, SNS, webhook, Slack,"
                        + " Teams")
                .strongReference(true)
                .register(registry);
        Gauge.builder("elevate.notice.outbox.oldest.age", this,
                        g -> g.current().noticeOldestAgeSeconds(g.clock.instant()))
                .description("How long the oldest notice not yet delivered has waited; 0 when none")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    /** The counts, taken afresh when the last try is older than {@link #MAX_AGE}. */
    synchronized Snapshot current() {
        Instant now = clock.instant();
        if (Duration.between(triedAt, now).compareTo(MAX_AGE) < 0) {
            return last;
        }
        triedAt = now;
        Future<Snapshot> taking = worker.submit(() -> source.apply(now));
        try {
            last = taking.get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            taking.cancel(true);
            LOG.warnf("Elevate metrics: counting windows and revocations took over %d s; the gauges keep the counts"
                    + " of %s", QUERY_TIMEOUT.toSeconds(), last.takenAt());
        } catch (ExecutionException e) {
            LOG.warnf(e.getCause(), "Elevate metrics: could not count windows and revocations; the gauges keep the"
                    + " counts of %s", last.takenAt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }

    /** Stops the worker thread (server shutdown). */
    public void close() {
        worker.shutdownNow();
    }
}
