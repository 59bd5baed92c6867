package io.elevate.metrics.gauges;

import io.elevate.window.WindowStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The database gauges")
class DatabaseGaugesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger queries = new AtomicInteger();

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Nested
    @DisplayName("given a database that answers")
    class Answering {

        private final DatabaseGauges gauges = registered(now -> {
            queries.incrementAndGet();
            Map<WindowStatus, Long> windows = Snapshot.zeros();
            windows.put(WindowStatus.APPROVED, 7L);
            return new Snapshot(windows, 2, 3, T0.minusSeconds(400), 4, T0.minusSeconds(90), now);
        });

        @Test
        @DisplayName("then every gauge of a scrape reads one count, and scrapes within 15 s ask nothing more")
        void countsOncePerFifteenSeconds() {
            assertThat(gauge("elevate.windows", "state", "approved")).isEqualTo(7);
            assertThat(gauge("elevate.windows", "state", "requested")).isZero();
            assertThat(registry.get("elevate.windows.open").gauge().value()).isEqualTo(2);
            assertThat(registry.get("elevate.revocation.outbox.depth").gauge().value()).isEqualTo(3);
            clock.advance(Duration.ofSeconds(14));
            assertThat(registry.get("elevate.revocation.outbox.depth").gauge().value()).isEqualTo(3);

            assertThat(queries).hasValue(1);
            clock.advance(Duration.ofSeconds(1));
            gauges.current();
            assertThat(queries).hasValue(2);
        }

        @Test
        @DisplayName("then the outbox age is the wait of the oldest unapplied revocation, growing with the clock")
        void agesTheOldestRevocation() {
            assertThat(registry.get("elevate.revocation.outbox.oldest.age").gauge().value()).isEqualTo(400);
            clock.advance(Duration.ofSeconds(10));
            assertThat(registry.get("elevate.revocation.outbox.oldest.age").gauge().value()).isEqualTo(410);
        }

        @Test
        @DisplayName("then the notice outbox shows its undelivered notices and the wait of the oldest")
        void showsTheNoticeOutbox() {
            assertThat(registry.get("elevate.notice.outbox.depth").gauge().value()).isEqualTo(4);
            assertThat(registry.get("elevate.notice.outbox.oldest.age").gauge().value()).isEqualTo(90);
            clock.advance(Duration.ofSeconds(10));
            assertThat(registry.get("elevate.notice.outbox.oldest.age").gauge().value()).isEqualTo(100);
        }
    }

    @Nested
    @DisplayName("given a database that fails")
    class Failing {

        @Test
        @DisplayName("then the gauges keep the last counts and try again only 15 s later")
        void keepsTheLastCounts() {
            AtomicInteger calls = new AtomicInteger();
            DatabaseGauges gauges = registered(now -> {
                if (calls.incrementAndGet() > 1) {
                    throw new IllegalStateException("database down");
                }
                return new Snapshot(Snapshot.zeros(), 0, 5, null, 0, null, now);
            });
            assertThat(gauges.current().outboxDepth()).isEqualTo(5);

            clock.advance(Duration.ofSeconds(20));
            assertThat(gauges.current().outboxDepth()).isEqualTo(5);
            assertThat(gauges.current().outboxDepth()).isEqualTo(5);

            assertThat(calls).hasValue(2);
            assertThat(registry.get("elevate.revocation.outbox.oldest.age").gauge().value()).isZero();
        }
    }

    private DatabaseGauges registered(Function<Instant, Snapshot> source) {
        DatabaseGauges gauges = new DatabaseGauges(source, clock, worker);
        gauges.registerOn(registry);
        return gauges;
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
