package io.elevate.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The sign-in's rows of open windows")
class OpenWindowRowsTest {

    private static final long STARTS = Instant.parse("2026-11-21T09:00:00Z").toEpochMilli();
    private static final long ENDS = Instant.parse("2026-11-21T17:00:00Z").toEpochMilli();

    @Nested
    @DisplayName("given one row per tag of each window, in the query's order")
    class GivenRowsPerTag {

        private final List<Object[]> rows = List.of(
                row("w1", "AppGroupName", "webserver"), row("w1", "AppId", "ABC"), row("w1", "ReleaseId", "1.0"),
                row("w2", null, null));

        @Test
        @DisplayName("then each window comes once, in the order of its first row")
        void eachWindowOnceInOrder() {
            assertThat(OpenWindowRows.windows(rows, "realm", "user", "client")).extracting(ElevationWindow::id).containsExactly("w1", "w2");
        }

        @Test
        @DisplayName("then a window's tags keep the rows' order, and a window without tag has none")
        void tagsInOrder() {
            List<ElevationWindow> windows = OpenWindowRows.windows(rows, "realm", "user", "client");

            assertThat(new ArrayList<>(windows.get(0).target().tags().entrySet()))
                    .containsExactly(Map.entry("AppGroupName", "webserver"), Map.entry("AppId", "ABC"),
                            Map.entry("ReleaseId", "1.0"));
            assertThat(windows.get(1).target().tags()).isEmpty();
        }

        @Test
        @DisplayName("then a window is what the sign-in uses: the asked realm, user and client, approved, the columns read,"
                + " and not the workflow's record")
        void whatTheSignInUses() {
            ElevationWindow window = OpenWindowRows.windows(rows, "realm", "user", "client").get(0);

            assertThat(window).isEqualTo(new ElevationWindow("w1", "realm", "user", "client",
                    new Target("123456789012", "ElevateSessionManager", "Keycloak", "eu-west-1",
                            "i-0123456789abcdef0", Map.of("AppGroupName", "webserver", "AppId", "ABC",
                            "ReleaseId", "1.0")),
                    Instant.ofEpochMilli(STARTS), Instant.ofEpochMilli(ENDS), WindowStatus.APPROVED, "because",
                    null, null, null, null, null, null, RequestInfo.NONE));
        }
    }

    @Test
    @DisplayName("given no rows, then no windows")
    void noRows() {
        assertThat(OpenWindowRows.windows(List.of(), "realm", "user", "client")).isEmpty();
    }

    private static Object[] row(String id, String tagKey, String tagValue) {
        return new Object[] {id, "123456789012", "ElevateSessionManager", "Keycloak", "eu-west-1",
                "i-0123456789abcdef0", STARTS, ENDS, "because", false, null, tagKey, tagValue};
    }
}
