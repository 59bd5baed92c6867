package io.elevate.aws.iam;

import io.elevate.aws.iam.PolicySimulator.Decision;
import io.elevate.aws.iam.PolicySimulator.Request;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static io.elevate.aws.iam.IamFixtures.generate;
import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static io.elevate.aws.iam.PolicySimulator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

/** No unlogged shells: the session preferences document and what the permission policy lets a session start with. */
@DisplayName("Session Manager shells, evaluated")
class SessionDocumentEvaluationTest {

    private static final String ELEVATION = "6f1c2a9e-3b7d-4e5f-8a90-1b2c3d4e5f60";
    private static final String INSTANCE = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890";

    private final io.elevate.workflow.ElevationPolicy policy = policy("Ops", tags("AppId", "ABC"));
    private final IamArtifacts artifacts = generate(List.of(policy),
            new IamOptions(OptionalInt.of(1), false, false, List.of()));
    private final JsonNode permissions = artifacts.roles().get(0).permissionPolicy();

    private static Request startSession(String resource, String accessCheck) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("aws:PrincipalTag/AppId", "ABC");
        context.put("aws:PrincipalTag/ElevationId", ELEVATION);
        context.put("ssm:resourceTag/AppId", "ABC");
        if (accessCheck != null) {
            context.put("ssm:SessionDocumentAccessCheck", accessCheck);
        }
        return new Request("ssm:StartSession", resource, context);
    }

    @Nested
    @DisplayName("the permission policy")
    class Permissions {

        @Test
        void allowsTheShellOnlyWithTheAccountsPreferencesDocument() {
            assertThat(evaluate(startSession(INSTANCE, "true"), permissions)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(startSession(
                    "arn:aws:ssm:eu-west-1:123456789012:document/SSM-SessionManagerRunShell", "true"), permissions))
                    .isEqualTo(Decision.ALLOW);
            assertThat(evaluate(startSession("arn:aws:ssm:eu-west-1::document/AWS-StartInteractiveCommand", "true"),
                    permissions)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(startSession(
                    "arn:aws:ssm:eu-west-1:210987654321:document/SSM-SessionManagerRunShell", "true"), permissions))
                    .as("another account's preferences").isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void everyStartSessionStatementCarriesTheDocumentAccessCheck() {
            assertThat(evaluate(startSession(INSTANCE, "false"), permissions)).isEqualTo(Decision.IMPLICIT_DENY);
            permissions.path("Statement").forEach(statement -> {
                if (statement.path("Action").toString().contains("ssm:StartSession")) {
                    assertThat(statement.path("Condition").path("BoolIfExists").path("ssm:SessionDocumentAccessCheck")
                            .asText()).as(statement.path("Sid").asText()).isEqualTo("true");
                }
            });
        }

        @Test
        void letsTheSessionBeEncryptedOnlyWithTheSessionKey() {
            Request withAlias = new Request("kms:GenerateDataKey",
                    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    Map.of("kms:ResourceAliases", "alias/elevate-session-manager"));
            Request otherKey = new Request("kms:GenerateDataKey",
                    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    Map.of("kms:ResourceAliases", "alias/payments"));

            assertThat(evaluate(withAlias, permissions)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(otherKey, permissions)).isEqualTo(Decision.IMPLICIT_DENY);
        }
    }

    @Nested
    @DisplayName("the preferences document")
    class Preferences {

        @Test
        void logsEncryptsAndEndsEveryShellWithinThePolicysMaximum() {
            SessionPreferences preferences = artifacts.sessionPreferences().get(0);
            JsonNode inputs = preferences.document().path("inputs");
            long policyMinutes = policy.maxDuration().toMinutes();

            assertThat(preferences.accountId()).isEqualTo("123456789012");
            assertThat(preferences.document().path("sessionType").asText()).isEqualTo("Standard_Stream");
            assertThat(inputs.path("cloudWatchLogGroupName").asText()).isEqualTo("/elevate/session-manager");
            assertThat(inputs.path("cloudWatchEncryptionEnabled").asBoolean()).isTrue();
            assertThat(inputs.path("cloudWatchStreamingEnabled").asBoolean()).isTrue();
            assertThat(inputs.path("kmsKeyId").asText()).isEqualTo("alias/elevate-session-manager");
            assertThat(inputs.path("runAsEnabled").asBoolean()).isFalse();
            assertThat(inputs.path("idleSessionTimeout").asText()).isEqualTo("20");
            assertThat(Integer.parseInt(inputs.path("maxSessionDuration").asText()))
                    .isEqualTo(preferences.maxSessionMinutes()).isBetween(1, 1440);
            assertThat((long) preferences.maxSessionMinutes()).isLessThanOrEqualTo(policyMinutes);
        }

        @Test
        void isInEveryFormat() {
            assertThat(IamFormat.JSON.render(artifacts)).contains("sessionPreferences", "SSM-SessionManagerRunShell");
            assertThat(IamFormat.CLOUDFORMATION.render(artifacts)).contains("AWS::SSM::Document", "DocumentType");
            assertThat(IamFormat.TERRAFORM.render(artifacts)).contains("aws_ssm_document",
                    "elevate_session_preferences_123456789012");
        }
    }

    @Nested
    @DisplayName("the managed nodes' policy, with both destinations")
    class ManagedNodes {

        private static final String GROUP = "arn:aws:logs:eu-west-1:123456789012:log-group:/elevate/shells";
        private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        private final JsonNode node = generate(List.of(policy), new IamOptions(OptionalInt.of(1), false, false,
                List.of(), new SessionSettings(java.util.Optional.of("/elevate/shells"),
                java.util.Optional.of("ops-shell-logs"), "elevate/", KEY, 20)))
                .sessionPreferences().get(0).nodePolicy().document();

        private Decision node(String action, String resource) {
            return evaluate(new Request(action, resource, Map.of()), node);
        }

        @Test
        void writesTheSessionLogsToTheConfiguredLogGroup() {
            assertThat(node("logs:CreateLogStream", GROUP + ":*")).isEqualTo(Decision.ALLOW);
            assertThat(node("logs:PutLogEvents", GROUP + ":log-stream:alice-0a1b2c3d4e5f6a7b8"))
                    .isEqualTo(Decision.ALLOW);
            assertThat(node("logs:DescribeLogStreams", GROUP + ":*")).isEqualTo(Decision.ALLOW);
            assertThat(node("logs:DescribeLogGroups", "arn:aws:logs:eu-west-1:123456789012:log-group:*"))
                    .isEqualTo(Decision.ALLOW);
        }

        @Test
        void writesToNoOtherLogGroupAccountOrRegion() {
            assertThat(node("logs:PutLogEvents",
                    "arn:aws:logs:eu-west-1:123456789012:log-group:/elevate/shells-other:log-stream:s"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("logs:PutLogEvents", "arn:aws:logs:eu-west-1:123456789012:log-group:/app:log-stream:s"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("logs:PutLogEvents",
                    "arn:aws:logs:eu-west-1:210987654321:log-group:/elevate/shells:log-stream:s"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("logs:PutLogEvents",
                    "arn:aws:logs:us-east-1:123456789012:log-group:/elevate/shells:log-stream:s"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("logs:DeleteLogGroup", GROUP)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("logs:GetLogEvents", GROUP + ":log-stream:s")).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("logs:CreateLogStream", "arn:aws:logs:eu-west-1:123456789012:log-group:*"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void putsObjectsOnlyUnderThePrefixOfTheConfiguredBucket() {
            assertThat(node("s3:PutObject", "arn:aws:s3:::ops-shell-logs/elevate/alice-0a1b2c3d4e5f6a7b8.log"))
                    .isEqualTo(Decision.ALLOW);
            assertThat(node("s3:GetEncryptionConfiguration", "arn:aws:s3:::ops-shell-logs")).isEqualTo(Decision.ALLOW);
            assertThat(node("s3:PutObject", "arn:aws:s3:::ops-shell-logs/other/x.log"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("s3:PutObject", "arn:aws:s3:::ops-shell-logs/x.log")).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("s3:PutObject", "arn:aws:s3:::other-bucket/elevate/x.log"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("s3:GetObject", "arn:aws:s3:::ops-shell-logs/elevate/x.log"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("s3:DeleteObject", "arn:aws:s3:::ops-shell-logs/elevate/x.log"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("s3:GetEncryptionConfiguration", "arn:aws:s3:::other-bucket"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void decryptsOnlyWithTheSessionKey() {
            assertThat(node("kms:Decrypt", KEY)).isEqualTo(Decision.ALLOW);
            assertThat(node("kms:Decrypt",
                    "arn:aws:kms:eu-west-1:123456789012:key/9999abcd-12ab-34cd-56ef-1234567890ab"))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(node("kms:Encrypt", KEY)).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void withAnAliasDecryptsOnlyTheKeyItNames() {
            JsonNode aliased = generate(List.of(policy), IamOptions.defaults()).sessionPreferences().get(0)
                    .nodePolicy().document();

            assertThat(evaluate(new Request("kms:Decrypt", KEY,
                    Map.of("kms:ResourceAliases", "alias/elevate-session-manager")), aliased)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(new Request("kms:Decrypt", KEY, Map.of("kms:ResourceAliases", "alias/payments")),
                    aliased)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(new Request("s3:PutObject", "arn:aws:s3:::any-bucket/x.log", Map.of()), aliased))
                    .as("no bucket configured").isEqualTo(Decision.IMPLICIT_DENY);
        }
    }
}
