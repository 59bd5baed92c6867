package io.elevate.insight;

import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The dashboard's period")
class PeriodParamsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    @Test
    @DisplayName("given nothing, then the last 30 days up to today")
    void lastThirtyDays() {
        PeriodParams period = PeriodParams.read(Map.of(), TODAY);

        assertThat(period.violations()).isEmpty();
        assertThat(period.from()).isEqualTo(LocalDate.of(2026, 11, 6));
        assertThat(period.to()).isEqualTo(TODAY);
    }

    @Test
    @DisplayName("given a start only, then 30 days from it; given both, exactly those")
    void given() {
        assertThat(PeriodParams.read(Map.of("from", List.of("2026-01-01")), TODAY).to())
                .isEqualTo(LocalDate.of(2026, 1, 30));
        PeriodParams both = PeriodParams.read(Map.of("from", List.of("2026-01-01"), "to", List.of("2026-03-31")), TODAY);
        assertThat(both.from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(both.to()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    @DisplayName("given a malformed day, a reversed or too long range, an unknown or repeated parameter, then refused")
    void refused() {
        assertThat(fields(Map.of("from", List.of("2026-13-01")))).containsExactly("from");
        assertThat(fields(Map.of("from", List.of("2026-01-02"), "to", List.of("2026-01-01")))).containsExactly("to");
        assertThat(fields(Map.of("from", List.of("2024-01-01"), "to", List.of("2025-01-02")))).containsExactly("to");
        assertThat(fields(Map.of("days", List.of("7")))).containsExactly("days");
        assertThat(fields(Map.of("to", List.of("2026-01-01", "2026-01-02")))).containsExactly("to");
    }

    private static List<String> fields(Map<String, List<String>> params) {
        return PeriodParams.read(params, TODAY).violations().stream().map(Violation::field).toList();
    }
}
