package io.elevate.aws.iam;

import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Session Manager settings")
class SessionSettingsTest {

    private final List<Violation> violations = new ArrayList<>();

    private SessionSettings check(String logGroup, Boolean cloudWatchLogs, String bucket, String prefix, String key,
                                  String idle) {
        return SessionSettings.check(new SessionSettings.Input(logGroup, cloudWatchLogs, bucket, prefix, key, idle),
                violations);
    }

    private List<String> messagesOf(String field) {
        return violations.stream().filter(v -> v.field().equals(field)).map(Violation::message).toList();
    }

    @Nested
    @DisplayName("given nothing")
    class Defaults {

        @Test
        void thenTheShellsGoToTheDefaultLogGroupWithTheDefaultKeyAndTimeout() {
            SessionSettings settings = check(null, null, null, null, null, null);

            assertThat(violations).isEmpty();
            assertThat(settings).isEqualTo(SessionSettings.defaults());
            assertThat(settings.logGroup()).hasValue("/elevate/session-manager");
            assertThat(settings.s3Bucket()).isEmpty();
            assertThat(settings.kmsKey()).isEqualTo("alias/elevate-session-manager");
            assertThat(settings.idleTimeoutMinutes()).isEqualTo(20);
        }
    }

    @Nested
    @DisplayName("given valid values")
    class Valid {

        @Test
        void thenS3OnlyWithAKeyArnAndTimeout() {
            SessionSettings settings = check(null, false, "elevate-sessions.example", "shells/",
                    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "60");

            assertThat(violations).isEmpty();
            assertThat(settings.logGroup()).isEmpty();
            assertThat(settings.s3Bucket()).hasValue("elevate-sessions.example");
            assertThat(settings.s3KeyPrefix()).isEqualTo("shells/");
            assertThat(settings.idleTimeoutMinutes()).isEqualTo(60);
        }

        @Test
        void thenBothDestinationsWithAKeyId() {
            SessionSettings settings = check("/org/ops#shells", null, "abc", null,
                    "mrk-1234abcd12ab34cd56ef1234567890ab", "1");

            assertThat(violations).isEmpty();
            assertThat(settings.logGroup()).hasValue("/org/ops#shells");
            assertThat(settings.s3Bucket()).hasValue("abc");
            assertThat(settings.s3KeyPrefix()).isEmpty();
            assertThat(settings.kmsKey()).isEqualTo("mrk-1234abcd12ab34cd56ef1234567890ab");
        }
    }

    @Nested
    @DisplayName("given bad values")
    class Refused {

        @Test
        void thenBothDestinationsOffIsRefused() {
            check(null, false, null, null, null, null);

            assertThat(violations).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("cloudWatchLogs");
                assertThat(v.message()).contains("every shell must be logged");
            });
        }

        @Test
        void thenEveryViolationIsListedAndTheDefaultsAreNotUsedSilently() {
            check("bad group!", null, "Bad_Bucket", "/logs", "alias/aws/ssm", "0");

            assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("logGroup", "s3Bucket",
                    "s3KeyPrefix", "kmsKey", "idleTimeout");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "61", "abc", "", " 5", "05", "-1", "20.5", "99999"})
        void thenAnIdleTimeoutOutside1To60(String idle) {
            check(null, null, null, null, null, idle);

            assertThat(messagesOf("idleTimeout")).singleElement().asString()
                    .startsWith("must be a whole number of minutes from 1 to 60");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ab", "Elevate-Logs", "my_bucket", "-start", "end-", "two..dots", "192.168.5.4",
                "xn--bucket", "sthree-logs", "amzn-s3-demo-logs", "logs-s3alias", "logs--ol-s3", "logs.mrap",
                "logs--x-s3", "logs--table-s3", "a234567890123456789012345678901234567890123456789012345678901234"})
        void thenABucketNameS3Refuses(String bucket) {
            check(null, null, bucket, null, null, null);

            assertThat(messagesOf("s3Bucket")).as(bucket).isNotEmpty();
            assertThat(violations).extracting(Violation::field).containsOnly("s3Bucket");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "group name", "group:name", "group*", "grüppe"})
        void thenALogGroupNameCloudWatchRefuses(String logGroup) {
            check(logGroup, null, null, null, null, null);

            assertThat(messagesOf("logGroup")).as(logGroup).isNotEmpty();
        }

        @Test
        void thenALogGroupNameOver512Characters() {
            check("/" + "a".repeat(512), null, null, null, null, null);

            assertThat(messagesOf("logGroup")).containsExactly("must have 1 to 512 characters, not 513");
        }

        @Test
        void thenALogGroupTogetherWithCloudWatchOff() {
            check("/elevate/other", false, "logs-bucket", null, null, null);

            assertThat(messagesOf("logGroup")).singleElement().asString().contains("cloudWatchLogs is false");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/logs", "logs/*", "logs?", "logs/${aws:userid}", "", "lögs"})
        void thenAKeyPrefixThatIsInvalidOrWouldWidenThePolicy(String prefix) {
            check(null, null, "logs-bucket", prefix, null, null);

            assertThat(messagesOf("s3KeyPrefix")).as(prefix).isNotEmpty();
        }

        @Test
        void thenAKeyPrefixWithoutABucket() {
            check(null, null, null, "logs/", null, null);

            assertThat(messagesOf("s3KeyPrefix")).containsExactly("needs s3Bucket");
        }

        @ParameterizedTest
        @ValueSource(strings = {"alias/", "alias/with space", "alias/aws/ssm", "key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "1234ABCD-12AB-34CD-56EF-1234567890AB", "arn:aws:kms:eu-west-1:123456789012:alias/elevate",
                "arn:aws:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:kms:eu-west-1:12345:key/1234abcd-12ab-34cd-56ef-1234567890ab", "payments"})
        void thenAKeyKmsOrSessionManagerRefuses(String key) {
            check(null, null, null, null, key, null);

            assertThat(messagesOf("kmsKey")).as(key).isNotEmpty();
        }

        @Test
        void thenAnAliasOver256Characters() {
            check(null, null, null, null, "alias/" + "k".repeat(251), null);

            assertThat(messagesOf("kmsKey")).containsExactly("an alias has at most 256 characters, not 257");
        }

        @Test
        void thenAKeyArnInAnotherPartitionThanAnAccountsPolicies() {
            SessionSettings settings = new SessionSettings(Optional.of("/elevate/session-manager"), Optional.empty(),
                    "", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", 20);

            assertThat(settings.violations(List.of(policy("Ops", tags("AppId", "ABC"))))).singleElement()
                    .satisfies(v -> {
                        assertThat(v.field()).isEqualTo("kmsKey");
                        assertThat(v.message()).isEqualTo("the key is in partition aws-us-gov but the policies of "
                                + "account 123456789012 are in aws");
                    });
        }
    }
}
