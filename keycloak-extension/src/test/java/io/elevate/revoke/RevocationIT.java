package io.elevate.revoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.MetricsScrape;
import io.elevate.testing.aws.IamContract;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation that ends live AWS sessions, against the real Keycloak whose timer (every 2 s) calls IAM: here the IAM
 * contract server in this JVM ({@link IamContract}), which records every call.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("Revocation in IAM")
class RevocationIT {

    private static final String ROLE = "ElevateSessionManager";
    private static final String GOV_CLOUD_ROLE = "ElevateGovCloudOps";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakServer server;
    private AdminApi admin;
    private Elevations elevations;
    private String user;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.user = elevations.newUser("revoke");
    }

    @Test
    @DisplayName("given an approved window revoked by an admin, then the role's deny policy names it within a few runs")
    void putsTheDenyPolicy() throws IOException {
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        elevations.revoke(id, "laptop stolen").expectStatus(200);

        IamContract.Call call = await("PutRolePolicy naming " + id, () -> server.iam().calls().stream()
                .filter(c -> c.action().equals("PutRolePolicy") && c.policyDocument().contains(id)).findFirst());
        assertThat(call.roleName()).isEqualTo(ROLE);
        assertThat(call.policyName()).isEqualTo("elevate-revocations");
        assertThat(call.signed()).as("SigV4-signed with the default credentials chain").isTrue();
        assertThat(call.signingRegion()).as("signed for the commercial partition's IAM region").isEqualTo("us-east-1");
        JsonNode statement = JSON.readTree(call.policyDocument()).path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.path("Action").asText()).isEqualTo("*");
        assertThat(statement.path("Condition").path("StringEquals").path("aws:PrincipalTag/ElevationId"))
                .extracting(JsonNode::asText).contains(id);

        JsonNode row = await("row APPLIED", () -> row(id).filter(r -> r.path("state").asText().equals("APPLIED")));
        assertThat(row.path("attempts").asInt()).isZero();
        assertThat(row.path("appliedAt").asText()).isNotBlank();
        assertThat(row.path("roleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/" + ROLE);
        assertThat(Instant.parse(row.path("pruneAfter").asText()))
                .isEqualTo(Instant.parse(row.path("revokedAt").asText()).plus(Duration.ofHours(12)));
        assertThat(elevations.audit(id)).extracting(r -> r.path("action").asText())
                .contains("REVOKED", "REVOCATION_QUEUED", "REVOCATION_APPLIED");
    }

    @Test
    @DisplayName("given a revoked window of a GovCloud role, then its deny policy is put through GovCloud's IAM "
            + "(signed for us-gov-west-1) and the row and the audit name the role's arn:aws-us-gov ARN")
    void putsTheDenyPolicyOfAGovCloudRoleThroughGovCloudsIam() {
        server.iam().createRole(GOV_CLOUD_ROLE);
        Map<String, Object> window = new LinkedHashMap<>(Elevations.window(user, Duration.ofHours(1)));
        window.put("roleName", GOV_CLOUD_ROLE);
        window.put("region", "us-gov-west-1");
        String id = elevations.grant(window);
        elevations.revoke(id, "laptop stolen").expectStatus(200);

        IamContract.Call call = await("PutRolePolicy naming " + id, () -> server.iam().calls().stream()
                .filter(c -> c.action().equals("PutRolePolicy") && c.policyDocument().contains(id)).findFirst());
        assertThat(call.roleName()).isEqualTo(GOV_CLOUD_ROLE);
        assertThat(call.signed()).as("SigV4-signed with the server's credentials").isTrue();
        assertThat(call.signingRegion()).as("credential scope .../us-gov-west-1/iam/aws4_request")
                .isEqualTo("us-gov-west-1");

        String arn = "arn:aws-us-gov:iam::123456789012:role/" + GOV_CLOUD_ROLE;
        JsonNode row = await("row APPLIED", () -> row(id).filter(r -> r.path("state").asText().equals("APPLIED")));
        assertThat(row.path("roleArn").asText()).isEqualTo(arn);
        assertThat(elevations.audit(id)).filteredOn(r -> r.path("action").asText().startsWith("REVOCATION_"))
                .extracting(r -> r.path("action").asText() + " " + r.path("detail").asText())
                .hasSize(2).anySatisfy(text -> assertThat(text).startsWith("REVOCATION_QUEUED"))
                .anySatisfy(text -> assertThat(text).startsWith("REVOCATION_APPLIED"))
                .allSatisfy(text -> assertThat(text).contains("{role=" + arn + ", "));
    }

    @Test
    @DisplayName("given IAM answering 500 first, then the row shows FAILED with the error, and later APPLIED")
    void retriesAfterAFailure() {
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        server.iam().failCallsNaming(id, 1);
        elevations.revoke(id, "wrong instance").expectStatus(200);

        JsonNode failed = await("row FAILED", () -> row(id).filter(r -> r.path("state").asText().equals("FAILED")));
        assertThat(failed.path("attempts").asInt()).isPositive();
        assertThat(failed.path("lastError").asText()).contains("Status Code: 500");
        assertThat(Instant.parse(failed.path("nextAttemptAt").asText())).isAfter(Instant.parse(failed.path("revokedAt").asText()));

        JsonNode applied = await("row APPLIED", () -> row(id).filter(r -> r.path("state").asText().equals("APPLIED")));
        assertThat(applied.path("attempts").asInt()).isPositive();
        assertThat(server.iam().calls()).filteredOn(c -> c.policyDocument() != null && c.policyDocument().contains(id))
                .extracting(IamContract.Call::status).startsWith(500).contains(200);
        assertThat(elevations.audit(id)).extracting(r -> r.path("action").asText())
                .contains("REVOCATION_QUEUED", "REVOCATION_FAILED", "REVOCATION_APPLIED");
    }

    @Test
    @DisplayName("given IAM failing across a Keycloak restart, then the revocation is applied once IAM recovers, exactly once")
    void survivesARestartAndIsAppliedExactlyOnce() {
        Map<String, Object> window = new LinkedHashMap<>(Elevations.window(user, Duration.ofHours(1)));
        window.put("roleName", "ElevateRestartDrill");
        String id = elevations.grant(window);
        server.iam().failCallsNaming(id, Integer.MAX_VALUE);
        elevations.revoke(id, "contractor offboarded").expectStatus(200);
        await("row FAILED", () -> row(id).filter(r -> r.path("state").asText().equals("FAILED")));

        server.restart();
        server.iam().failCallsNaming(id, 0);

        JsonNode applied = await("row APPLIED after the restart",
                () -> row(id).filter(r -> r.path("state").asText().equals("APPLIED")));
        assertThat(applied.path("attempts").asInt()).isPositive();
        awaitTimerRuns(3); // three more timer runs: none may put the policy again
        assertThat(server.iam().calls()).filteredOn(c -> "ElevateRestartDrill".equals(c.roleName())
                        && c.status() == 200)
                .singleElement().satisfies(c -> {
                    assertThat(c.action()).isEqualTo("PutRolePolicy");
                    assertThat(c.policyDocument()).contains(id);
                });
        assertThat(server.iam().policy("ElevateRestartDrill", "elevate-revocations")).contains(id);
    }

    @Test
    @DisplayName("given an open window nobody revoked, then nothing is queued, and the admin view says AWS is on")
    void openWindowIsNotQueued() {
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        assertThat(row(id)).isEmpty();
        JsonNode list = admin.get(DEMO_REALM + "/elevation/revocations").expectStatus(200).body();
        assertThat(list.path("awsEnabled").asBoolean()).isTrue();
        assertThat(list.path("note").isNull() || list.path("note").isMissingNode()).isTrue();
    }

    private Optional<JsonNode> row(String windowId) {
        JsonNode list = admin.get(DEMO_REALM + "/elevation/revocations?max=500").expectStatus(200).body();
        for (JsonNode row : list.path("revocations")) {
            if (row.path("windowId").asText().equals(windowId)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** Waits until the server has finished {@code more} timer runs after this moment's (which may be under way). */
    private void awaitTimerRuns(int more) {
        double target = timerRuns() + more + 1;
        await(more + " more timer runs", () -> timerRuns() >= target ? Optional.of(true) : Optional.empty());
    }

    private double timerRuns() {
        return MetricsScrape.of(server.managementUrl()).sum("elevate_timer_runs_total");
    }

    private <T> T await(String what, Supplier<Optional<T>> probe) {
        return Await.until(what, Duration.ofSeconds(45), probe, () -> "IAM calls " + server.iam());
    }
}
