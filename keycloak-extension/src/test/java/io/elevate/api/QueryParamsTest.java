package io.elevate.api;

import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Query parameters read by hand")
class QueryParamsTest {

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "yesterday"})
    @DisplayName("given an instant out of range or not an instant, then a violation naming the parameter")
    void instantsOutOfRangeRefused(String value) {
        QueryParams params = new QueryParams();

        assertThat(params.instant("to", value)).isNull();
        assertThat(params.violations()).extracting(Violation::field).containsExactly("to");
    }

    @Test
    @DisplayName("given instants at the ends of the range, then they are read")
    void rangeEnds() {
        QueryParams params = new QueryParams();

        assertThat(params.instant("from", "1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
        assertThat(params.instant("to", "9999-12-31T23:59:59Z")).isEqualTo(Instants.LATEST);
        assertThat(params.violations()).isEmpty();
    }

    @Test
    @DisplayName("given paging that is not a whole number in range, then every broken parameter is listed")
    void pagingChecked() {
        QueryParams params = new QueryParams();

        params.integer("first", "x", 0, 0, Integer.MAX_VALUE);
        params.integer("max", "1001", 100, 1, 1000);
        params.integer("max", "1.5", 100, 1, 1000);

        assertThat(params.violations()).extracting(Violation::field).containsExactly("first", "max", "max");
    }

    @Test
    @DisplayName("given no paging, then the defaults")
    void pagingDefaults() {
        QueryParams params = new QueryParams();

        assertThat(params.integer("max", null, 100, 1, 1000)).isEqualTo(100);
        assertThat(params.violations()).isEmpty();
    }
}
