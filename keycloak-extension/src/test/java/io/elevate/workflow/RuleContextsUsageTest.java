package io.elevate.workflow;

import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.Target;
import io.elevate.window.WindowStatus;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The usage a rule sees of a requester")
class RuleContextsUsageTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Target TARGET = new Target("123456789012", "Admin", "Keycloak", "eu-west-1", null,
            Map.of("AppId", "ABC"), false, null);

    private static ElevationWindow window(String id, WindowStatus status, Instant start, Duration length,
                                          Integer extensionMinutes) {
        RequestInfo info = new RequestInfo("p1", null, false, 1, status == WindowStatus.REQUESTED
                ? NOW.plus(Duration.ofHours(1)) : null, null, null, null, null, null, extensionMinutes, null, 0, false);
        return new ElevationWindow(id, "realm", "u1", "aws", TARGET, start, start.plus(length), status, "why", "alice",
                status == WindowStatus.APPROVED ? "bob" : null, start.minus(Duration.ofMinutes(5)), null, null, null,
                info);
    }

    @Nested
    @DisplayName("given an approved window running now")
    class Running {

        private final ElevationWindow open = window("w1", WindowStatus.APPROVED, NOW.minus(Duration.ofHours(2)),
                Duration.ofHours(12), null);

        @Test
        @DisplayName("then its past counts in the last 7 days and its rest ahead, so a weekly budget sees all of it")
        void splitAtNow() {
            RuleContexts.Usage usage = RuleContexts.usage(List.of(open), NOW, null);
            assertThat(usage.hours()).isEqualTo(2.0);
            assertThat(usage.hoursAhead()).isEqualTo(10.0);
            assertThat(usage.hoursPending()).isZero();
        }

        @Test
        @DisplayName("then its extension waiting for approval counts as pending; left out, the window counts nothing")
        void extension() {
            ElevationWindow extending = window("w1", WindowStatus.APPROVED, NOW.minus(Duration.ofHours(2)),
                    Duration.ofHours(12), 90);
            assertThat(RuleContexts.usage(List.of(extending), NOW, null).hoursPending()).isEqualTo(1.5);
            RuleContexts.Usage without = RuleContexts.usage(List.of(extending), NOW, "w1");
            assertThat(without.hours() + without.hoursAhead() + without.hoursPending()).isZero();
            assertThat(without.requests()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("given approved windows revoked or cancelled an hour ago, then each counts up to then, and nothing "
            + "ahead")
    void endedEarly() {
        Instant start = NOW.minus(Duration.ofHours(3));
        Instant ended = NOW.minus(Duration.ofHours(1));
        ElevationWindow revoked = new ElevationWindow("w1", "realm", "u1", "aws", TARGET, start,
                start.plus(Duration.ofHours(12)), WindowStatus.REVOKED, "why", "alice", "bob",
                start.minus(Duration.ofMinutes(5)), "carol", ended, "done", window("x", WindowStatus.APPROVED, start,
                Duration.ofHours(12), null).request());
        RequestInfo cancelledInfo = new RequestInfo("p1", null, false, 1, null, "alice", ended, null, null, null, null,
                null, 0, false);
        ElevationWindow cancelled = new ElevationWindow("w2", "realm", "u1", "aws", TARGET, start,
                start.plus(Duration.ofHours(12)), WindowStatus.CANCELLED, "why", "alice", "bob",
                start.minus(Duration.ofMinutes(5)), null, null, null, cancelledInfo);
        RuleContexts.Usage usage = RuleContexts.usage(List.of(revoked, cancelled), NOW, null);
        assertThat(usage.hours()).isEqualTo(4.0);
        assertThat(usage.hoursAhead()).isZero();
        assertThat(usage.hoursPending()).isZero();
        assertThat(usage.requests()).isEqualTo(2);
    }

    @Test
    @DisplayName("given windows scheduled ahead and requests waiting, then they count ahead and pending; rejected, "
            + "expired and cancelled requests count nothing")
    void aheadAndPending() {
        List<ElevationWindow> windows = List.of(
                window("w1", WindowStatus.APPROVED, NOW.plus(Duration.ofDays(2)), Duration.ofHours(4), null),
                window("w2", WindowStatus.REQUESTED, NOW.plus(Duration.ofHours(1)), Duration.ofHours(3), null),
                window("w3", WindowStatus.REQUESTED, NOW, Duration.ofMinutes(30), null),
                window("w4", WindowStatus.REJECTED, NOW, Duration.ofHours(8), null),
                window("w5", WindowStatus.EXPIRED, NOW.minus(Duration.ofDays(1)), Duration.ofHours(8), null),
                window("w6", WindowStatus.CANCELLED, NOW.plus(Duration.ofHours(1)), Duration.ofHours(8), null));
        RuleContexts.Usage usage = RuleContexts.usage(windows, NOW, null);
        assertThat(usage.hours()).isZero();
        assertThat(usage.hoursAhead()).isEqualTo(4.0);
        assertThat(usage.hoursPending()).isEqualTo(3.5);
    }

    @Nested
    @DisplayName("given a user's windows read a page at a time, newest first")
    class Reading {

        /** {@code count} windows, one created each minute before now, newest first, served a page at a time. */
        private IntFunction<List<ElevationWindow>> windows(int count) {
            return first -> IntStream.range(first, Math.min(count, first + RuleContexts.PAGE))
                    .mapToObj(i -> window("w" + i, WindowStatus.CANCELLED, NOW.minus(Duration.ofMinutes(i)),
                            Duration.ofMinutes(30), null))
                    .toList();
        }

        @Test
        @DisplayName("then as many as can be read are all read")
        void all() {
            assertThat(RuleContexts.recentWindows(windows(RuleContexts.MAX_WINDOWS), NOW)).get().asList()
                    .hasSize(RuleContexts.MAX_WINDOWS);
        }

        @Test
        @DisplayName("then one more than can be read makes the usage unknown, not the count of the newest only")
        void tooMany() {
            assertThat(RuleContexts.recentWindows(windows(RuleContexts.MAX_WINDOWS + 1), NOW)).isEmpty();
        }

        @Test
        @DisplayName("then windows asked before the look-back horizon end the reading, however many there are")
        void horizon() {
            IntFunction<List<ElevationWindow>> old = first -> IntStream.range(first, first + RuleContexts.PAGE)
                    .mapToObj(i -> window("w" + i, WindowStatus.APPROVED, NOW.minus(Duration.ofDays(i < 3 ? 1 : 200)),
                            Duration.ofHours(1), null))
                    .toList();
            assertThat(RuleContexts.recentWindows(old, NOW)).get().asList().hasSize(3);
        }
    }

    @Test
    @DisplayName("given a request whose pending time ran out, then it counts nothing")
    void expiredPending() {
        ElevationWindow stale = window("w1", WindowStatus.REQUESTED, NOW.minus(Duration.ofHours(3)),
                Duration.ofHours(1), null);
        assertThat(RuleContexts.usage(List.of(stale), NOW.plus(Duration.ofHours(2)), null).hoursPending()).isZero();
    }
}
