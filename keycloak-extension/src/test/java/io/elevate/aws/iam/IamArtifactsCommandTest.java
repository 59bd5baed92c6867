package io.elevate.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.elevate.aws.iam.IamFixtures.DEMO_REALM;
import static io.elevate.aws.iam.IamFixtures.JSON;
import static io.elevate.aws.iam.IamFixtures.handWritten;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The IAM artifacts command")
class IamArtifactsCommandTest {

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) {
        return IamArtifactsCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void removesTheHclFileOfEarlierVersionsWhichWouldDeclareEveryResourceTwice() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("elevate-iam.tf"), "resource \"aws_iam_role\" \"elevate_old\" {}\n");

        assertThat(run(DEMO_REALM.toString(), out.toString())).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.resolve("elevate-iam.tf")).doesNotExist();
        assertThat(out.resolve("elevate-iam.tf.json")).isRegularFile();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("removed " + out.resolve("elevate-iam.tf"));
    }

    @Test
    void writesEveryFormatForTheDemoRealm() throws IOException {
        int status = run(DEMO_REALM.toString(), out.toString(), "--slots", "1", "--revoked", "w-1");

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        Path role = out.resolve("123456789012/ElevateSessionManager");
        assertThat(out.resolve("iam-artifacts.json")).isRegularFile();
        assertThat(out.resolve("cloudformation.json")).isRegularFile();
        assertThat(JSON.readTree(Files.readString(out.resolve("elevate-iam.tf.json"))).path("resource")
                .path("aws_iam_role").has("elevate_123456789012_ElevateSessionManager")).isTrue();
        assertThat(JSON.readTree(Files.readString(role.resolve("trust-policy.json"))))
                .isEqualTo(handWritten("trust-policy.json"));
        assertThat(JSON.readTree(Files.readString(role.resolve("permission-policy.json"))))
                .isEqualTo(handWritten("session-manager-abac-policy.json"));
        assertThat(Files.readString(role.resolve("revocation-policy.json"))).contains("\"w-1\"");
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("arn:aws:iam::123456789012:role/ElevateSessionManager: 1 slot(s)", "of 6,144 (managed)",
                        "serverPolicy (elevate-server-elevate-demo): ");
        assertThat(Files.readString(out.resolve("elevate-server-policy.json")))
                .contains("ManageTheRevocationPolicyOfElevateRoles", "role/ElevateSessionManager");
        assertThat(out.resolve("elevate-break-glass-instance-policy.json")).doesNotExist();
    }

    @Test
    void writesTheRealmPoliciesOfTheNotificationTopicAndTheBreakGlassCredential() throws IOException {
        Path realm = out.resolve("break-glass-realm.json");
        Files.writeString(realm, """
                {"realm": "ops", "components": {"org.keycloak.services.ui.extend.UiPageProvider": [
                  {"name": "ops", "providerId": "elevation-policies", "config": {
                    "accountId": ["123456789012"], "roleName": ["Ops"], "samlProvider": ["Keycloak"],
                    "region": ["eu-west-1"], "tags": ["[{\\"key\\": \\"AppId\\", \\"value\\": \\"ABC\\"}]"],
                    "instanceIds": ["i-0123456789abcdef0"], "breakGlassGroup": ["/break-glass"],
                    "osCredential": ["true"], "osCredentialKmsKeyId": ["alias/elevate"],
                    "eligibleGroups": ["/operators"], "approverGroups": ["/approvers"]}},
                  {"name": "Elevate notifications", "providerId": "elevate-notifications", "config": {
                    "snsTopicArn": ["arn:aws:sns:eu-west-1:123456789012:elevate-notices"]}}]}}
                """);

        assertThat(run(realm.toString(), out.resolve("ops").toString())).as(stderr.toString(StandardCharsets.UTF_8))
                .isZero();
        JsonNode server = JSON.readTree(Files.readString(out.resolve("ops/elevate-server-policy.json")));
        assertThat(server.toString()).contains("\"sns:Publish\"", "arn:aws:sns:eu-west-1:123456789012:elevate-notices",
                "ssm:SendCommand", "instance/i-0123456789abcdef0");
        assertThat(Files.readString(out.resolve("ops/elevate-break-glass-instance-policy.json")))
                .contains("ssm:PutParameter", "parameter/elevate/break-glass/*");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("breakGlassInstancePolicy (elevate-break-glass-instance-ops)");

        Files.writeString(realm, Files.readString(realm).replace("\"osCredential\": [\"true\"]", "\"osCredential\": [\"false\"]"));
        assertThat(run(realm.toString(), out.resolve("ops").toString())).isZero();
        assertThat(out.resolve("ops/elevate-break-glass-instance-policy.json")).doesNotExist();
    }

    @Test
    void removesAStaleRevocationPolicyWhenNothingIsRevoked() throws IOException {
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--revoked", "w-1")).isZero();
        assertThat(run(DEMO_REALM.toString(), out.toString())).isZero();

        assertThat(out.resolve("123456789012/ElevateSessionManager/revocation-policy.json")).doesNotExist();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("no revoked ids given");
    }

    @Test
    void writesNothingAndReportsWhenADocumentIsTooLarge() throws IOException {
        Path realm = out.resolve("big-realm.json");
        StringBuilder tags = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            tags.append(i == 1 ? "" : ", ").append("{\\\"key\\\": \\\"ApplicationComponentTag").append(i)
                    .append("\\\", \\\"value\\\": \\\"v\\\"}");
        }
        Files.writeString(realm, """
                {"realm": "big", "components": {"org.keycloak.services.ui.extend.UiPageProvider": [
                  {"name": "big", "providerId": "elevation-policies", "config": {
                    "accountId": ["123456789012"], "roleName": ["Big"], "samlProvider": ["Keycloak"],
                    "region": ["eu-west-1"], "tags": ["[%s]"],
                    "eligibleGroups": ["/operators"], "approverGroups": ["/approvers"]}}]}}
                """.formatted(tags));
        Path target = out.resolve("artifacts");

        assertThat(run(realm.toString(), target.toString(), "--slots", "10")).isEqualTo(3);
        assertThat(target).doesNotExist();
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("permissionPolicy of arn:aws:iam::123456789012:role/Big is ", "over the managed policy limit");
    }

    @Test
    void refusesBadArgumentsWithTheUsage() throws IOException {
        assertThat(run(DEMO_REALM.toString())).isEqualTo(2);
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--slots", "0")).isEqualTo(2);
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--frobnicate")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("usage: IamArtifactsCommand",
                "--slots must be a whole number between 1 and 10, not 0", "unknown option --frobnicate");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void listsEveryBadArgumentAtOnce() {
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--slots", "x", "--frobnicate", "--revoked")).isEqualTo(2);

        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--slots must be a whole number between 1 and 10, "
                + "not x", "unknown option --frobnicate", "--revoked needs a value", "usage: IamArtifactsCommand");
    }

    @Test
    void writesTheSessionPreferencesAndTheNodesPolicyWithTheGivenDestinationsKeyAndTimeout() throws IOException {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--no-cloudwatch-logs", "--s3-bucket", "ops-shell-logs",
                "--s3-key-prefix=elevate/", "--kms-key", key, "--idle-timeout", "10"))
                .as(stderr.toString(StandardCharsets.UTF_8)).isZero();

        JsonNode inputs = JSON.readTree(Files.readString(out.resolve("123456789012/session-manager-preferences.json")))
                .path("inputs");
        assertThat(inputs.path("s3BucketName").asText()).isEqualTo("ops-shell-logs");
        assertThat(inputs.path("s3KeyPrefix").asText()).isEqualTo("elevate/");
        assertThat(inputs.path("cloudWatchLogGroupName").asText()).isEmpty();
        assertThat(inputs.path("kmsKeyId").asText()).isEqualTo(key);
        assertThat(inputs.path("idleSessionTimeout").asText()).isEqualTo("10");
        String node = Files.readString(out.resolve("123456789012/session-manager-node-policy.json"));
        assertThat(node).contains("arn:aws:s3:::ops-shell-logs/elevate/*", "kms:Decrypt", key)
                .doesNotContain("logs:");
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("123456789012: managed nodes' logging policy (elevate-session-node-logging-elevate-demo)");
    }

    @Test
    void refusesUnloggedShellsAndBadSessionSettingsListingEach() throws IOException {
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--no-cloudwatch-logs", "--idle-timeout", "61",
                "--kms-key", "alias/aws/ssm", "--s3-key-prefix", "/logs")).isEqualTo(2);

        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(
                "--no-cloudwatch-logs: is false and no s3Bucket is given: every shell must be logged",
                "--idle-timeout: must be a whole number of minutes from 1 to 60, not '61'",
                "--kms-key: alias/aws/ names AWS managed keys", "--s3-key-prefix: needs s3Bucket",
                "--s3-key-prefix: must not begin with /", "usage: IamArtifactsCommand");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesABadBucketNameAndAKeyArnOfAnotherPartition() throws IOException {
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--s3-bucket", "Ops_Logs")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("--s3-bucket: may contain only lowercase letters, digits, . and -");

        assertThat(run(DEMO_REALM.toString(), out.toString(), "--kms-key",
                "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--kms-key: the key is in partition aws-cn but "
                + "the policies of account 123456789012 are in aws");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void printsTheUsageOnRequest() {
        assertThat(run("--help")).isZero();

        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("usage: IamArtifactsCommand")
                .contains("--slots=N", "--secrets-manager", "--rds", "--revoked=ID[,ID...]", "--log-group=NAME",
                        "--no-cloudwatch-logs", "--s3-bucket=NAME", "--s3-key-prefix=PREFIX", "--kms-key=KEY",
                        "--idle-timeout=MINUTES");
    }

    @Test
    void takesOptionValuesAfterAnEqualsSignToo() throws IOException {
        assertThat(run(DEMO_REALM.toString(), out.toString(), "--slots=2", "--revoked=w-7")).isZero();

        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("2 slot(s)");
        assertThat(Files.readString(out.resolve("123456789012/ElevateSessionManager/revocation-policy.json")))
                .contains("\"w-7\"");
    }

    @Test
    void skipsAnInvalidPolicyAndSaysWhy() throws IOException {
        Path realm = out.resolve("bad-realm.json");
        Files.writeString(realm, """
                {"realm": "bad", "components": {"org.keycloak.services.ui.extend.UiPageProvider": [
                  {"name": "no account", "providerId": "elevation-policies", "config": {"roleName": ["R"]}}]}}
                """);

        assertThat(run(realm.toString(), out.resolve("x").toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("skipped: elevation policy 'no account' is invalid: accountId is required",
                        "no valid elevation policy");
    }
}
