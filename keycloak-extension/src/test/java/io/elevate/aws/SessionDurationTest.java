package io.elevate.aws;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SessionDuration")
class SessionDurationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void isTheConfiguredMaximumWhenTheWindowLastsLonger() {
        assertThat(SessionDuration.seconds(3600, NOW.plus(Duration.ofHours(8)), NOW)).isEqualTo(3600);
    }

    @Test
    void endsWithTheWindowWhenTheWindowEndsFirst() {
        assertThat(SessionDuration.seconds(3600, NOW.plusSeconds(1800), NOW)).isEqualTo(1800);
    }

    @Test
    void neverGoesBelowAwsShortestSession() {
        assertThat(SessionDuration.seconds(3600, NOW.plusSeconds(300), NOW)).isEqualTo(900);
    }

    @Test
    void neverGoesAboveTwelveHoursWhateverIsConfigured() {
        assertThat(SessionDuration.seconds(100_000, NOW.plus(Duration.ofDays(2)), NOW)).isEqualTo(43_200);
        assertThat(SessionDuration.clamp(10)).isEqualTo(900);
    }
}
