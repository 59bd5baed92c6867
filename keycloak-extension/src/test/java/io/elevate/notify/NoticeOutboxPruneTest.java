package io.elevate.notify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Pruning a sent Slack post")
class NoticeOutboxPruneTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final long POSTED_40_DAYS_AGO = NOW.minus(Duration.ofDays(40)).toEpochMilli();

    @Nested
    @DisplayName("given a post older than the keeping time about a request that starts months later")
    class FutureWindow {

        @Test
        @DisplayName("then it is kept, so later decisions can still rewrite it")
        void kept() {
            long endsIn50Days = NOW.plus(Duration.ofDays(50)).toEpochMilli();

            assertThat(NoticeOutbox.slackPostPrunable(POSTED_40_DAYS_AGO, endsIn50Days, NOW)).isFalse();
        }

        @Test
        @DisplayName("then it is kept while the window ended less than the keeping time ago")
        void keptAfterTheEnd() {
            long ended10DaysAgo = NOW.minus(Duration.ofDays(10)).toEpochMilli();

            assertThat(NoticeOutbox.slackPostPrunable(POSTED_40_DAYS_AGO, ended10DaysAgo, NOW)).isFalse();
        }
    }

    @Nested
    @DisplayName("given a post whose window ended more than the keeping time ago, or no longer exists")
    class Ended {

        @Test
        @DisplayName("then it is pruned")
        void pruned() {
            long ended31DaysAgo = NOW.minus(Duration.ofDays(31)).toEpochMilli();

            assertThat(NoticeOutbox.slackPostPrunable(POSTED_40_DAYS_AGO, ended31DaysAgo, NOW)).isTrue();
            assertThat(NoticeOutbox.slackPostPrunable(POSTED_40_DAYS_AGO, null, NOW)).isTrue();
        }

        @Test
        @DisplayName("then a post younger than the keeping time is still kept")
        void young() {
            long posted5DaysAgo = NOW.minus(Duration.ofDays(5)).toEpochMilli();

            assertThat(NoticeOutbox.slackPostPrunable(posted5DaysAgo, null, NOW)).isFalse();
        }
    }
}
