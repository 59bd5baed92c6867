package io.elevate.outbox;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The backoff of a failed outbox call (IAM, SSM)")
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(15));

    @Nested
    @DisplayName("given failures in a row")
    class Failures {

        @Test
        @DisplayName("then the first waits the base, and each further one twice as long")
        void doubles() {
            assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(15));
            assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(30));
            assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(60));
            assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(480));
        }

        @Test
        @DisplayName("then the wait never exceeds 15 minutes, however many failures")
        void capped() {
            assertThat(backoff.after(7)).isEqualTo(Duration.ofMinutes(15));
            assertThat(backoff.after(40)).isEqualTo(Duration.ofMinutes(15));
            assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
        }
    }

    @Test
    @DisplayName("given no failure yet, then there is no wait")
    void noFailure() {
        assertThat(backoff.after(0)).isZero();
    }

    @Test
    @DisplayName("given a base above the cap, then the cap applies from the first failure")
    void largeBase() {
        assertThat(new Backoff(Duration.ofHours(1)).after(1)).isEqualTo(Duration.ofMinutes(15));
    }
}
