package io.elevate.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's figures (as the stats API returns them) for windows a policy rule approved and for extended
 * requests, against a real Keycloak. The tests of one server run one after the other, so a figure read before and
 * after a step changes by that step only.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The dashboard's figures")
class DashboardFiguresIT {

    private KeycloakServer server;
    private String operator;
    private String approver;
    private String auditor;
    private String rulePolicy;
    private String plainPolicy;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        Elevations elevations = new Elevations(admin);
        PolicyAdmin policies = new PolicyAdmin(admin);
        String operators = policies.newGroup("operators");
        String approvers = policies.newGroup("approvers");
        operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        approver = elevations.newUser("appr");
        policies.addMember(elevations.userId(approver), approvers);
        auditor = elevations.newUser("auditor");
        policies.grantRealmRole(elevations.userId(auditor), "elevation-auditor");
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("autoApproveRules", List.of("[{\"name\": \"short\", \"expression\": "
                + "\"request.duration <= duration('30m')\"}]"));
        rulePolicy = policies.create("dashboard rules " + operators, config);
        plainPolicy = policies.create("dashboard plain " + operators, PolicyAdmin.policy(operators, approvers));
    }

    @Test
    @DisplayName("given a window a rule approved, then it awaits review with its rule, and is not an approval's latency")
    void ruleApprovalsAwaitReview() {
        JsonNode before = stats();

        JsonNode window = as(operator).post("requests", request(rulePolicy, 30)).expectStatus(201).body();
        assertThat(window.path("status").asText()).isEqualTo("APPROVED");
        String id = window.path("id").asText();

        JsonNode after = stats();
        JsonNode current = after.path("current");
        assertThat(current.path("unreviewedBreakGlassCount").asLong())
                .isEqualTo(before.path("current").path("unreviewedBreakGlassCount").asLong() + 1);
        if (current.path("unreviewedBreakGlassCount").asLong() <= 50) {
            List<JsonNode> lines = new ArrayList<>();
            current.path("unreviewedBreakGlass").forEach(lines::add);
            assertThat(lines).filteredOn(l -> l.path("id").asText().equals(id)).singleElement()
                    .satisfies(l -> {
                        assertThat(l.path("autoRule").asText()).isEqualTo("short");
                        assertThat(l.path("breakGlass").asBoolean()).isFalse();
                    });
        }
        assertThat(after.path("period").path("approvalLatency"))
                .as("an automatic approval is no one's waiting").isEqualTo(before.path("period").path("approvalLatency"));

        as(approver).post("requests/" + id + "/review", Map.of("comment", "fine")).expectStatus(200);
        assertThat(stats().path("current").path("unreviewedBreakGlassCount").asLong())
                .isEqualTo(before.path("current").path("unreviewedBreakGlassCount").asLong());
    }

    @Test
    @DisplayName("given an extension decided later, then the latency stays that of the request's first decision")
    void latencyOfTheFirstDecision() {
        String id = as(operator).post("requests", request(plainPolicy, 60)).expectStatus(201).body().path("id")
                .asText();
        as(approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200);
        JsonNode decided = stats().path("period").path("approvalLatency");
        as(operator).post("requests/" + id + "/extend", Map.of("minutes", 30, "justification", "the fix takes longer"))
                .expectStatus(200);

        try (var later = server.time().ahead(Duration.ofMinutes(40))) {
            as(approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200);
            assertThat(stats().path("period").path("approvalLatency"))
                    .as("approved at once; the extension, 40 minutes later, is not the request's decision")
                    .isEqualTo(decided);
        }
    }

    private JsonNode stats() {
        return as(auditor).get("stats").expectStatus(200).body();
    }

    private static Map<String, Object> request(String policy, int minutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the web tier is down");
        body.put("durationMinutes", minutes);
        return body;
    }

    private AdminApi as(String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }
}
