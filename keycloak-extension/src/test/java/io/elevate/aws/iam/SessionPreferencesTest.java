package io.elevate.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.StreamSupport;

import static io.elevate.aws.iam.IamFixtures.generate;
import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The preferences document and the managed nodes' policy, for each choice of destinations and key. */
@DisplayName("Session Manager preferences and the managed nodes' policy")
class SessionPreferencesTest {

    static final String KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    static SessionPreferences preferences(SessionSettings settings) {
        return artifacts(settings).sessionPreferences().get(0);
    }

    static IamArtifacts artifacts(SessionSettings settings) {
        return generate(List.of(policy("Ops", tags("AppId", "ABC"))),
                new IamOptions(OptionalInt.of(1), false, false, List.of(), settings));
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode statement : policy.path("Statement")) {
            if (statement.path("Sid").asText().equals(sid)) {
                return statement;
            }
        }
        return null;
    }

    private static List<String> resources(JsonNode statement) {
        JsonNode resource = statement.path("Resource");
        return resource.isArray() ? StreamSupport.stream(resource.spliterator(), false)
                .map(JsonNode::asText).toList() : List.of(resource.asText());
    }

    private static List<String> sids(JsonNode policy) {
        return StreamSupport.stream(policy.path("Statement").spliterator(), false)
                .map(s -> s.path("Sid").asText()).toList();
    }

    @Nested
    @DisplayName("given Run As")
    class RunAs {

        @Test
        @DisplayName("when no policy of the account names a shell user, then Run As stays off")
        void offByDefault() {
            JsonNode inputs = preferences(SessionSettings.defaults()).document().path("inputs");

            assertThat(inputs.path("runAsEnabled").asBoolean()).isFalse();
            assertThat(inputs.path("runAsDefaultUser").asText()).isEmpty();
        }

        @Test
        @DisplayName("when a policy of the account names a shell user, then Run As is on and untagged sessions keep "
                + "ssm-user")
        void onWhenAPolicyNamesAUser() {
            JsonNode inputs = generate(List.of(policy("Ops", tags("AppId", "ABC"), java.util.Map.of("runAsUser",
                            "ops-shell")), policy("Web", tags("AppId", "WEB"))),
                    new IamOptions(OptionalInt.of(1), false, false, List.of(), SessionSettings.defaults()))
                    .sessionPreferences().get(0).document().path("inputs");

            assertThat(inputs.path("runAsEnabled").asBoolean()).isTrue();
            assertThat(inputs.path("runAsDefaultUser").asText()).isEqualTo("ssm-user");
        }
    }

    @Nested
    @DisplayName("given CloudWatch Logs only")
    class CloudWatchOnly {

        private final SessionPreferences preferences = preferences(new SessionSettings(Optional.of("/org/shells"),
                Optional.empty(), "", "alias/ops-sessions", 15));
        private final JsonNode inputs = preferences.document().path("inputs");
        private final JsonNode node = preferences.nodePolicy().document();

        @Test
        void thenTheDocumentStreamsToTheEncryptedLogGroupAndLeavesS3Empty() {
            assertThat(inputs.path("cloudWatchLogGroupName").asText()).isEqualTo("/org/shells");
            assertThat(inputs.path("cloudWatchEncryptionEnabled").asBoolean()).isTrue();
            assertThat(inputs.path("cloudWatchStreamingEnabled").asBoolean()).isTrue();
            assertThat(inputs.path("s3BucketName").asText()).isEmpty();
            assertThat(inputs.path("s3KeyPrefix").asText()).isEmpty();
            assertThat(inputs.path("kmsKeyId").asText()).isEqualTo("alias/ops-sessions");
            assertThat(inputs.path("idleSessionTimeout").isTextual()).isTrue();
            assertThat(inputs.path("idleSessionTimeout").asText()).isEqualTo("15");
            assertThat(inputs.path("maxSessionDuration").isTextual()).isTrue();
        }

        @Test
        void thenTheNodesWriteTheLogGroupAndDecryptWithTheAliasedKey() {
            assertThat(sids(node)).containsExactly("WriteSessionLogsToTheLogGroup", "FindTheEncryptedLogGroup",
                    "DecryptTheSessionWithItsKey");
            assertThat(statement(node, "WriteSessionLogsToTheLogGroup").path("Resource")).extracting(JsonNode::asText)
                    .containsExactly("arn:aws:logs:eu-west-1:123456789012:log-group:/org/shells",
                            "arn:aws:logs:eu-west-1:123456789012:log-group:/org/shells:*");
            JsonNode decrypt = statement(node, "DecryptTheSessionWithItsKey");
            assertThat(decrypt.path("Action").toString()).contains("kms:Decrypt");
            assertThat(decrypt.path("Resource").toString()).contains("arn:aws:kms:*:123456789012:key/*");
            assertThat(decrypt.path("Condition").path("ForAnyValue:StringEquals").path("kms:ResourceAliases").asText())
                    .isEqualTo("alias/ops-sessions");
        }

        @Test
        void thenTheUsersMayEncryptOnlyWithTheAliasedKey() {
            JsonNode key = statement(artifacts(new SessionSettings(Optional.of("/org/shells"), Optional.empty(), "",
                    "alias/ops-sessions", 15)).roles().get(0).permissionPolicy(), "EncryptTheSessionWithItsKey");
            assertThat(key.path("Action").toString()).contains("kms:GenerateDataKey");
            assertThat(key.path("Condition").path("ForAnyValue:StringEquals").path("kms:ResourceAliases").asText())
                    .isEqualTo("alias/ops-sessions");
        }
    }

    @Nested
    @DisplayName("given S3 only with a key ARN")
    class S3Only {

        private final SessionSettings settings = new SessionSettings(Optional.empty(), Optional.of("ops-shell-logs"),
                "elevate/", KEY_ARN, 20);
        private final SessionPreferences preferences = preferences(settings);
        private final JsonNode inputs = preferences.document().path("inputs");
        private final JsonNode node = preferences.nodePolicy().document();

        @Test
        void thenTheDocumentWritesToTheEncryptedBucketAndNotToCloudWatch() {
            assertThat(inputs.path("s3BucketName").asText()).isEqualTo("ops-shell-logs");
            assertThat(inputs.path("s3KeyPrefix").asText()).isEqualTo("elevate/");
            assertThat(inputs.path("s3EncryptionEnabled").asBoolean()).isTrue();
            assertThat(inputs.path("cloudWatchLogGroupName").asText()).isEmpty();
            assertThat(inputs.path("cloudWatchStreamingEnabled").asBoolean()).isFalse();
            assertThat(inputs.path("kmsKeyId").asText()).isEqualTo(KEY_ARN);
            assertThat(preferences.document().path("description").asText()).contains("logged to S3,");
        }

        @Test
        void thenTheNodesPutObjectsUnderThePrefixAndDecryptWithThatKeyOnly() {
            assertThat(sids(node)).containsExactly("WriteSessionLogsToTheBucket", "CheckTheBucketIsEncrypted",
                    "DecryptTheSessionWithItsKey");
            assertThat(resources(statement(node, "WriteSessionLogsToTheBucket")))
                    .containsExactly("arn:aws:s3:::ops-shell-logs/elevate/*");
            assertThat(resources(statement(node, "CheckTheBucketIsEncrypted")))
                    .containsExactly("arn:aws:s3:::ops-shell-logs");
            JsonNode decrypt = statement(node, "DecryptTheSessionWithItsKey");
            assertThat(resources(decrypt)).containsExactly(KEY_ARN);
            assertThat(decrypt.has("Condition")).isFalse();
        }

        @Test
        void thenTheUsersMayEncryptOnlyWithThatKey() {
            JsonNode key = statement(artifacts(settings).roles().get(0).permissionPolicy(),
                    "EncryptTheSessionWithItsKey");
            assertThat(resources(key)).containsExactly(KEY_ARN);
            assertThat(key.has("Condition")).isFalse();
        }
    }

    @Nested
    @DisplayName("given both destinations and a key id")
    class Both {

        private final SessionPreferences preferences = preferences(new SessionSettings(
                Optional.of("/elevate/session-manager"), Optional.of("ops-shell-logs"), "",
                "1234abcd-12ab-34cd-56ef-1234567890ab", 30));
        private final JsonNode node = preferences.nodePolicy().document();

        @Test
        void thenTheNodesWriteBothAndDecryptWithTheKeyOfThatIdInTheAccount() {
            assertThat(preferences.document().path("inputs").path("cloudWatchLogGroupName").asText())
                    .isEqualTo("/elevate/session-manager");
            assertThat(preferences.document().path("inputs").path("s3BucketName").asText())
                    .isEqualTo("ops-shell-logs");
            assertThat(sids(node)).containsExactly("WriteSessionLogsToTheLogGroup", "FindTheEncryptedLogGroup",
                    "WriteSessionLogsToTheBucket", "CheckTheBucketIsEncrypted", "DecryptTheSessionWithItsKey");
            assertThat(resources(statement(node, "WriteSessionLogsToTheBucket")))
                    .containsExactly("arn:aws:s3:::ops-shell-logs/*");
            assertThat(resources(statement(node, "DecryptTheSessionWithItsKey")))
                    .containsExactly("arn:aws:kms:*:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        }
    }

    @Nested
    @DisplayName("in every output")
    class Outputs {

        private final IamArtifacts artifacts = artifacts(new SessionSettings(Optional.of("/elevate/session-manager"),
                Optional.of("ops-shell-logs"), "", "alias/elevate-session-manager", 20));

        @Test
        void thenTheNodePolicyIsAManagedPolicyPerAccount() {
            JsonNode json = readTree(IamFormat.JSON.render(artifacts));
            JsonNode node = json.path("sessionPreferences").path("123456789012").path("nodePolicy");
            assertThat(node.path("policyName").asText()).isEqualTo("elevate-session-node-logging-test");
            assertThat(node.path("policy")).isEqualTo(artifacts.sessionPreferences().get(0).nodePolicy().document());
            assertThat(node.path("size").asInt()).isEqualTo(IamFixtures.awsSize(node.path("policy")));

            JsonNode template = readTree(IamFormat.CLOUDFORMATION.render(artifacts));
            JsonNode managed = template.path("Resources").path("SessionManagerNodeLogging123456789012");
            assertThat(managed.path("Type").asText()).isEqualTo("AWS::IAM::ManagedPolicy");
            assertThat(managed.path("Condition").asText()).isEqualTo("InAccount123456789012");
            assertThat(managed.path("Properties").path("PolicyDocument")).isEqualTo(node.path("policy"));

            JsonNode terraform = readTree(IamFormat.TERRAFORM.render(artifacts)).path("resource")
                    .path("aws_iam_policy").path("elevate_session_node_logging_123456789012");
            assertThat(readTree(terraform.path("policy").asText())).isEqualTo(node.path("policy"));
            assertThat(terraform.path("count").asText())
                    .isEqualTo("${data.aws_caller_identity.elevate.account_id == \"123456789012\" ? 1 : 0}");
        }

        @Test
        void thenANodePolicyOverTheManagedPolicyLimitIsReportedNotCut() {
            List<io.elevate.workflow.ElevationPolicy> policies = java.util.stream.Stream.of("eu-west-1",
                    "eu-west-2", "eu-west-3", "eu-central-1", "us-east-1", "us-east-2", "us-west-2")
                    .map(region -> policy("Ops" + region.replace("-", ""), tags("AppId", "ABC"),
                            Map.of("region", region))).toList();
            IamArtifacts big = generate(policies, new IamOptions(OptionalInt.of(1), false, false, List.of(),
                    new SessionSettings(Optional.of("/" + "g".repeat(511)), Optional.empty(), "",
                            "alias/elevate-session-manager", 20)));

            assertThat(big.withinLimits()).isFalse();
            assertThat(big.overflows()).singleElement().satisfies(o -> {
                assertThat(o.roleArn()).isEqualTo("account 123456789012");
                assertThat(o.document()).isEqualTo("sessionNodePolicy");
                assertThat(o.size()).isEqualTo(big.sessionPreferences().get(0).nodePolicy().size())
                        .isGreaterThan(6_144);
            });
        }

        @Test
        void thenGenerationRefusesAKeyArnInAnotherPartition() {
            assertThatThrownBy(() -> artifacts(new SessionSettings(Optional.of("/elevate/session-manager"),
                    Optional.empty(), "", "arn:aws-cn:kms:cn-north-1:123456789012:key/"
                    + "1234abcd-12ab-34cd-56ef-1234567890ab", 20))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("partition aws-cn");
        }

        private JsonNode readTree(String text) {
            try {
                return IamFixtures.JSON.readTree(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
