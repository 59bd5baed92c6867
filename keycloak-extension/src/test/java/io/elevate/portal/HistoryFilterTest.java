package io.elevate.portal;

import io.elevate.audit.AuditLog;
import io.elevate.validation.Violation;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The history's filters")
class HistoryFilterTest {

    private static HistoryFilter read(String... pairs) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.add(pairs[i], pairs[i + 1]);
        }
        return HistoryFilter.read(params, "policy-1"::equals);
    }

    @Nested
    @DisplayName("given valid filters")
    class Valid {

        @Test
        @DisplayName("then the days are whole UTC days, the last one included, and the query string keeps them")
        void days() {
            HistoryFilter filter = read("person", "alice", "target", "policy-1", "action", "APPROVED",
                    "breakGlass", "yes", "from", "2026-11-01", "to", "2026-11-30", "page", "2");
            AuditLog.Search search = filter.search("alice", "id-1");

            assertThat(filter.violations()).isEmpty();
            assertThat(search.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
            assertThat(search.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(search.breakGlassOnly()).isTrue();
            assertThat(search.policyId()).isEqualTo("policy-1");
            assertThat(filter.page()).isEqualTo(2);
            assertThat(filter.query()).isEqualTo("person=alice&target=policy-1&action=APPROVED&breakGlass=yes"
                    + "&from=2026-11-01&to=2026-11-30");
        }

        @Test
        @DisplayName("then empty fields, as an untouched form sends them, filter nothing")
        void emptyIsNone() {
            HistoryFilter filter = read("person", "", "target", "", "action", "", "from", "", "to", "");

            assertThat(filter.violations()).isEmpty();
            assertThat(filter.any()).isFalse();
            assertThat(filter.search(null, null)).isEqualTo(AuditLog.Search.ALL);
        }

        @Test
        @DisplayName("then a person's name is searched as the directory spells it, their requests by their id")
        void person() {
            AuditLog.Search search = read("person", "Alice").search("alice", "id-1");

            assertThat(search.person()).isEqualTo("alice");
            assertThat(search.personId()).isEqualTo("id-1");
            assertThat(read("person", "gone").search(null, null).person()).isEqualTo("gone");
        }
    }

    @Nested
    @DisplayName("given bad filters")
    class Invalid {

        @Test
        @DisplayName("then each is named, none rewritten")
        void everyOneNamed() {
            HistoryFilter filter = read("target", "nope", "action", "DROP TABLE", "breakGlass", "on",
                    "from", "2026-02-30", "to", "26-11-01", "page", "-1", "sort", "x");

            assertThat(filter.valid()).isFalse();
            assertThat(filter.violations()).extracting(Violation::field).containsExactlyInAnyOrder("sort", "target",
                    "action", "breakGlass", "from", "to", "page");
        }

        @Test
        @DisplayName("then a range that ends before it starts, a repeated parameter, or a control character is refused")
        void rangeAndRepeats() {
            assertThat(read("from", "2026-11-02", "to", "2026-11-01").violations()).extracting(Violation::field)
                    .containsExactly("to");
            assertThat(read("action", "APPROVED", "action", "REJECTED").violations()).extracting(Violation::field)
                    .containsExactly("action");
            assertThat(read("person", "al\u0000ice").violations()).extracting(Violation::field)
                    .containsExactly("person");
        }
    }

    @Nested
    @DisplayName("given the CSV's filters")
    class Csv {

        private HistoryFilter csv(String... pairs) {
            MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                params.add(pairs[i], pairs[i + 1]);
            }
            return HistoryFilter.readCsv(params, "policy-1"::equals);
        }

        @Test
        @DisplayName("then a page is refused, not ignored: the CSV holds the newest records, never that page's")
        void pageRefused() {
            HistoryFilter filter = csv("person", "alice", "page", "3");

            assertThat(filter.valid()).isFalse();
            assertThat(filter.violations()).extracting(Violation::field).containsExactly("page");
            assertThat(filter.violations().get(0).message()).contains("CSV");
        }

        @Test
        @DisplayName("then the page's other filters are read as the page reads them")
        void filtersAsThePage() {
            HistoryFilter filter = csv("person", "alice", "target", "policy-1", "action", "APPROVED",
                    "breakGlass", "yes", "from", "2026-11-01", "to", "2026-11-30");

            assertThat(filter.violations()).isEmpty();
            assertThat(filter.query()).isEqualTo(read("person", "alice", "target", "policy-1", "action", "APPROVED",
                    "breakGlass", "yes", "from", "2026-11-01", "to", "2026-11-30").query());
            assertThat(csv("action", "DROP TABLE", "sort", "x").violations()).extracting(Violation::field)
                    .containsExactlyInAnyOrder("action", "sort");
        }
    }
}
