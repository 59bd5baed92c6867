package io.elevate.aws.iam;

import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /admin/realms/{realm}/elevation/iam}: the IAM artifacts of the demo realm, from the running server. */
@ExtendWith(KeycloakServer.class)
@DisplayName("The IAM artifacts endpoint")
class IamEndpointIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/ElevateSessionManager";

    @Test
    void generatesTheDemoRealmsDocumentsAndRefusesABadFormat(AdminApi admin) throws IOException {
        JsonNode trustPolicy = new ObjectMapper().readTree(Files.readString(
                Path.of(System.getProperty("elevate.root", ".."), "realm-config", "aws", "trust-policy.json")));

        JsonNode json = admin.get(DEMO_REALM + "/elevation/iam").expectStatus(200).body();
        // other tests of the run add policies of their own to the shared demo realm: look at the demo policy's part
        assertThat(json.fieldNames()).toIterable().contains(ROLE, "serverPolicy");
        assertThat(json.path("serverPolicy").path("policy").path("Statement").get(0).path("Resource").asText())
                .as("the server may change the revocation policy of the demo role").isEqualTo(ROLE);
        assertThat(json.path(ROLE).path("trustPolicy")).isEqualTo(trustPolicy);
        assertThat(json.path(ROLE).path("slots").asInt()).as("from the demo client's numbered mapper").isEqualTo(3);
        assertThat(demoTagStatements(json.path(ROLE).path("permissionPolicy"))).as("one per slot").hasSize(3);
        assertThat(json.path(ROLE).path("permissionPolicy").path("Statement")).filteredOn(
                st -> !st.path("Sid").asText().startsWith("StartSessionOnlyOnInstancesWhoseTagsMatch"))
                .extracting(st -> st.path("Sid").asText()).containsExactly("StartSessionWithTheShellDocument",
                        "TerminateAndResumeOnlyOwnSessions", "FindInstancesInTheConsole", "EncryptTheSessionWithItsKey",
                        "NoRoleChainingFromElevatedSessions");
        // the demo account's Session Manager preferences; other tests' policies in that account may shorten its maximum
        JsonNode demoPreferences = new ObjectMapper().readTree(
                Files.readString(IamFixtures.AWS_DIR.resolve("session-manager-preferences.json"))).path("inputs");
        JsonNode preferences = json.path("sessionPreferences").path("123456789012");
        assertThat(preferences.path("documentName").asText()).isEqualTo("SSM-SessionManagerRunShell");
        assertThat(preferences.path("content").path("inputs").path("cloudWatchLogGroupName"))
                .isEqualTo(demoPreferences.path("cloudWatchLogGroupName"));
        assertThat(preferences.path("content").path("inputs").path("kmsKeyId")).isEqualTo(demoPreferences.path("kmsKeyId"));
        assertThat(preferences.path("content").path("inputs").path("maxSessionDuration").asInt())
                .isPositive().isLessThanOrEqualTo(demoPreferences.path("maxSessionDuration").asInt());
        assertThat(json.path(ROLE).path("revocationPolicy").isNull()).isTrue();

        JsonNode revoked = admin.get(DEMO_REALM + "/elevation/iam?slots=1&revoked=w-1,w-2").expectStatus(200).body();
        assertThat(revoked.path(ROLE).path("revocationPolicy").path("Statement").get(0).path("Condition")
                .path("StringEquals").path("aws:PrincipalTag/ElevationId").toString()).isEqualTo("[\"w-1\",\"w-2\"]");

        JsonNode terraform = admin.get(DEMO_REALM + "/elevation/iam?format=terraform").expectStatus(200).body();
        assertThat(terraform.path("resource").path("aws_iam_role").has("elevate_123456789012_ElevateSessionManager"))
                .isTrue();

        JsonNode template = admin.get(DEMO_REALM + "/elevation/iam?format=cloudformation").expectStatus(200).body();
        assertThat(template.path("Resources").path("Role123456789012ElevateSessionManager")
                .path("Properties").path("AssumeRolePolicyDocument")).isEqualTo(trustPolicy);

        JsonNode refused = admin.get(DEMO_REALM + "/elevation/iam?format=yaml").expectStatus(400).body();
        assertThat(refused.path("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.path("violations").get(0).path("field").asText()).isEqualTo("format");
        assertThat(refused.path("violations").get(0).path("message").asText())
                .isEqualTo("must be one of json, cloudformation, terraform, not 'yaml'");

        JsonNode tooLarge = admin.get(DEMO_REALM + "/elevation/iam?slots=3&secretsManager=true&rds=true")
                .expectStatus(422).body();
        assertThat(tooLarge.path("error").asText()).isEqualTo("policy_too_large");
        assertThat(tooLarge.path("violations").get(0).path("field").asText()).isEqualTo(ROLE + " permissionPolicy");
    }

    @Test
    void takesTheSessionManagerSettingsAndRefusesUnloggedShellsAndBadValuesListingEach(AdminApi admin) {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        JsonNode json = admin.get(DEMO_REALM + "/elevation/iam?cloudWatchLogs=false&s3Bucket=ops-shell-logs"
                + "&s3KeyPrefix=elevate/&kmsKey=" + key + "&idleTimeout=30").expectStatus(200).body();
        JsonNode preferences = json.path("sessionPreferences").path("123456789012");
        JsonNode inputs = preferences.path("content").path("inputs");
        assertThat(inputs.path("s3BucketName").asText()).isEqualTo("ops-shell-logs");
        assertThat(inputs.path("s3KeyPrefix").asText()).isEqualTo("elevate/");
        assertThat(inputs.path("cloudWatchLogGroupName").asText()).isEmpty();
        assertThat(inputs.path("kmsKeyId").asText()).isEqualTo(key);
        assertThat(inputs.path("idleSessionTimeout").asText()).isEqualTo("30");
        assertThat(preferences.path("nodePolicy").path("policy").toString())
                .contains("arn:aws:s3:::ops-shell-logs/elevate/*", "kms:Decrypt").doesNotContain("logs:");
        assertThat(json.path(ROLE).path("permissionPolicy").path("Statement")).filteredOn(
                st -> st.path("Sid").asText().equals("EncryptTheSessionWithItsKey"))
                .singleElement().satisfies(st -> assertThat(st.path("Resource").asText()).isEqualTo(key));

        JsonNode unlogged = admin.get(DEMO_REALM + "/elevation/iam?cloudWatchLogs=false").expectStatus(400).body();
        assertThat(unlogged.path("violations")).singleElement().satisfies(v -> {
            assertThat(v.path("field").asText()).isEqualTo("cloudWatchLogs");
            assertThat(v.path("message").asText()).contains("every shell must be logged to CloudWatch Logs, S3 or both");
        });

        JsonNode refused = admin.get(DEMO_REALM + "/elevation/iam?idleTimeout=61&s3Bucket=Ops_Logs"
                + "&logGroup=shell%20logs&kmsKey=alias/aws/ssm&s3KeyPrefix=/x").expectStatus(400).body();
        assertThat(refused.path("error").asText()).isEqualTo("invalid_request");
        assertThat(refused.path("violations")).extracting(v -> v.path("field").asText() + ": "
                + v.path("message").asText()).containsExactlyInAnyOrder(
                "logGroup: may contain only letters, digits and . - _ / #",
                "s3Bucket: may contain only lowercase letters, digits, . and -",
                "s3KeyPrefix: must not begin with /",
                "kmsKey: alias/aws/ names AWS managed keys; Session Manager needs a customer managed key",
                "idleTimeout: must be a whole number of minutes from 1 to 60, not '61'");

        JsonNode otherPartition = admin.get(DEMO_REALM + "/elevation/iam?kmsKey=arn:aws-cn:kms:cn-north-1:"
                + "123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab").expectStatus(400).body();
        assertThat(otherPartition.path("violations")).anySatisfy(v -> {
            assertThat(v.path("field").asText()).isEqualTo("kmsKey");
            assertThat(v.path("message").asText()).isEqualTo("the key is in partition aws-cn but the policies of "
                    + "account 123456789012 are in aws");
        });
    }

    /** The tag-matching statements that compare exactly the demo policy's tag keys. */
    private static List<JsonNode> demoTagStatements(JsonNode policy) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            List<String> keys = new ArrayList<>();
            statement.path("Condition").path("StringEquals").fieldNames().forEachRemaining(keys::add);
            if (keys.equals(List.of("ssm:resourceTag/AppGroupName", "ssm:resourceTag/AppId",
                    "ssm:resourceTag/ReleaseId"))) {
                found.add(statement);
            }
        }
        return found;
    }
}
