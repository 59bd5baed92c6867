package io.elevate.aws.iam;

import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The query of the IAM artifacts endpoint")
class IamRequestTest {

    @Test
    void defaultsToJsonTheMappersSlotsNoTemplatesAndNoRevocations() {
        IamRequest request = IamRequest.parse(Map.of());

        assertThat(request.violations()).isEmpty();
        assertThat(request.format()).isEqualTo(IamFormat.JSON);
        assertThat(request.options()).isEqualTo(IamOptions.defaults());
    }

    @Test
    void readsEveryParameter() {
        IamRequest request = IamRequest.parse(Map.of("format", List.of("terraform"), "slots", List.of("3"),
                "secretsManager", List.of("true"), "rds", List.of("TRUE"), "revoked", List.of("w-1,w-2", "w-3")));

        assertThat(request.violations()).isEmpty();
        assertThat(request.format()).isEqualTo(IamFormat.TERRAFORM);
        assertThat(request.options().slots()).hasValue(3);
        assertThat(request.options().secretsManager()).isTrue();
        assertThat(request.options().rds()).isTrue();
        assertThat(request.options().revokedIds()).containsExactly("w-1", "w-2", "w-3");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "format|yaml|must be one of json, cloudformation, terraform, not 'yaml'",
            "slots|0|must be between 1 and 10, not 0",
            "slots|11|must be between 1 and 10, not 11",
            "slots|three|must be a whole number between 1 and 10",
            "secretsManager|yes|must be true or false, not 'yes'",
            "rds|1|must be true or false, not '1'",
            "revoked|w-1;DROP|has characters AWS refuses",
            "slot|3|is not a parameter of this endpoint",
            "idleTimeout|0|must be a whole number of minutes from 1 to 60, not '0'",
            "idleTimeout|61|must be a whole number of minutes from 1 to 60, not '61'",
            "idleTimeout|abc|must be a whole number of minutes from 1 to 60, not 'abc'",
            "logGroup|/elevate/shells!|may contain only letters, digits and . - _ / #",
            "s3Bucket|Elevate_Logs|may contain only lowercase letters, digits, . and -",
            "kmsKey|alias/aws/ssm|alias/aws/ names AWS managed keys",
            "cloudWatchLogs|no|must be true or false, not 'no'",
            "cloudWatchLogs|false|every shell must be logged to CloudWatch Logs, S3 or both"})
    void refusesABadParameterWithTheReason(String name, String value, String message) {
        List<Violation> violations = IamRequest.parse(Map.of(name, List.of(value))).violations();

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(name);
            assertThat(v.message()).contains(message);
        });
    }

    @Test
    void readsTheSessionManagerSettings() {
        IamRequest request = IamRequest.parse(Map.of("cloudWatchLogs", List.of("false"), "s3Bucket",
                List.of("ops-shell-logs"), "s3KeyPrefix", List.of("elevate/"), "kmsKey",
                List.of("1234abcd-12ab-34cd-56ef-1234567890ab"), "idleTimeout", List.of("45")));

        assertThat(request.violations()).isEmpty();
        assertThat(request.options().session()).isEqualTo(new SessionSettings(java.util.Optional.empty(),
                java.util.Optional.of("ops-shell-logs"), "elevate/", "1234abcd-12ab-34cd-56ef-1234567890ab", 45));
    }

    @Test
    void refusesASessionSettingGivenTwice() {
        assertThat(IamRequest.parse(Map.of("s3Bucket", List.of("a-bucket", "b-bucket"))).violations())
                .containsExactly(Violation.of("s3Bucket", "must be given once"));
    }

    @Test
    void refusesARepeatedParameter() {
        assertThat(IamRequest.parse(Map.of("format", List.of("json", "terraform"))).violations())
                .containsExactly(Violation.of("format", "must be given once"));
    }
}
