package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("AWS session rules")
class AwsSessionRulesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    @Nested
    @DisplayName("the session's duration")
    class Durations {

        @Test
        void isTheTimeLeftInTheWindow() {
            assertThat(SessionDurations.forCredentials(NOW.plusSeconds(2400), NOW)).isEqualTo(2400);
            assertThat(SessionDurations.forConsole(NOW.plusSeconds(2400), NOW)).isEqualTo(2400);
        }

        @Test
        void isAtMostAnHourForCredentialsAndTwelveHoursForTheConsole() {
            assertThat(SessionDurations.forCredentials(NOW.plusSeconds(8 * 3600), NOW)).isEqualTo(3600);
            assertThat(SessionDurations.forConsole(NOW.plusSeconds(8 * 3600), NOW)).isEqualTo(8 * 3600);
            assertThat(SessionDurations.forConsole(NOW.plusSeconds(20 * 3600), NOW)).isEqualTo(43200);
        }

        @Test
        void isAtLeastFifteenMinutesElseTheWindowEndsTooSoon() {
            assertThat(SessionDurations.forCredentials(NOW.plusSeconds(900), NOW)).isEqualTo(900);
            assertThatThrownBy(() -> SessionDurations.forCredentials(NOW.plusSeconds(899), NOW))
                    .isInstanceOfSatisfying(CliException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WINDOW_ENDS_TOO_SOON))
                    .hasMessageContaining("ends too soon").hasMessageContaining("14 min 59 s");
            assertThatThrownBy(() -> SessionDurations.forConsole(NOW.minusSeconds(1), NOW))
                    .isInstanceOfSatisfying(CliException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WINDOW_ENDS_TOO_SOON));
        }
    }

    @Nested
    @DisplayName("the role session name")
    class SessionNames {

        @ParameterizedTest
        @ValueSource(strings = {"jo", "operator", "first.last@example.com", "a_b+c=d,e-f", "x234567890123456789012345678901234567890123456789012345678901234"})
        void acceptsAwsCharactersFromTwoToSixtyFour(String name) {
            assertThat(RoleSessionName.of(name)).isEqualTo(name);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "j", "first last", "jörg", "a/b", "semi;colon",
            "x2345678901234567890123456789012345678901234567890123456789012345"})
        void refusesAnythingElseAsAUsageError(String name) {
            assertThatThrownBy(() -> RoleSessionName.of(name)).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
        }
    }

    @Nested
    @DisplayName("the credential_process output")
    class CredentialProcess {

        @Test
        void isTheAwsCliJsonWithVersionOneAndAnIsoExpiration() throws Exception {
            AwsCredentials credentials = new AwsCredentials("ASIAEXAMPLE", "se/cr+et=", "to\"ken\\",
                    Instant.parse("2030-01-01T11:00:00.123456Z"));

            String json = CredentialProcessOutput.json(credentials);

            JsonNode parsed = Http.JSON.readTree(json);
            List<String> fields = new ArrayList<>();
            parsed.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
            assertThat(parsed.get("Version").isInt()).isTrue();
            assertThat(parsed.get("Version").asInt()).isEqualTo(1);
            assertThat(parsed.get("SecretAccessKey").asText()).isEqualTo("se/cr+et=");
            assertThat(parsed.get("SessionToken").asText()).isEqualTo("to\"ken\\");
            assertThat(parsed.get("Expiration").asText()).isEqualTo("2030-01-01T11:00:00Z");
            assertThat(json).doesNotContain("\n");
        }
    }
}
