package io.elevate.audit;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elevate's admin events, found with Keycloak's own admin-events filters (what the admin console's search and a SIEM
 * pipeline's poll use): by resource type and by resource path, on the real server.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("Elevate's admin events")
class AdminEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakServer server;
    private AdminApi admin;
    private Elevations elevations;
    private PolicyAdmin policies;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
    }

    @Nested
    @DisplayName("given a request made and cancelled")
    class Transitions {

        private String id;

        @BeforeEach
        void request() {
            String operators = policies.newGroup("operators");
            String approvers = policies.newGroup("approvers");
            String operator = elevations.newUser("op");
            policies.addMember(elevations.userId(operator), operators);
            policies.addMember(elevations.userId(elevations.newUser("appr")), approvers);
            String policy = policies.create("events " + operators, PolicyAdmin.policy(operators, approvers));
            AdminApi api = AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("policy", policy);
            body.put("instanceId", "i-0123456789abcdef0");
            body.put("justification", "INC7: events for the SIEM");
            body.put("durationMinutes", 30);
            id = api.post("requests", body).expectStatus(201).body().path("id").asText();
            api.post("requests/" + id + "/cancel", Map.of("reason", "not needed")).expectStatus(200);
        }

        @Test
        @DisplayName("then filtering by resource type CUSTOM and the request's path finds each transition, with its action")
        void byTypeAndPath() {
            JsonNode events = events("resourceTypes=CUSTOM&resourcePath=elevation/requests/" + id + "/*");

            assertThat(events).extracting(e -> e.path("resourcePath").asText())
                    .containsExactlyInAnyOrder("elevation/requests/" + id + "/REQUESTED",
                            "elevation/requests/" + id + "/CANCELLED");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("resourceType").asText()).isEqualTo("CUSTOM");
                assertThat(e.path("operationType").asText()).isEqualTo("ACTION");
            });
            assertThat(events).extracting(e -> representation(e).path("action").asText())
                    .containsExactlyInAnyOrder("REQUESTED", "CANCELLED");
        }

        @Test
        @DisplayName("then one action of every request is found by its path alone, and nothing under another type")
        void byActionAndOtherTypes() {
            assertThat(events("resourceTypes=CUSTOM&resourcePath=elevation/requests/*/CANCELLED&max=1000"))
                    .extracting(e -> e.path("resourcePath").asText())
                    .contains("elevation/requests/" + id + "/CANCELLED")
                    .allSatisfy(path -> assertThat(path).endsWith("/CANCELLED"));
            assertThat(events("resourceTypes=USER&resourceTypes=REALM&resourcePath=elevation/requests/" + id + "/*"))
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("given an admin's grant and revoke, then both are found by resource type CUSTOM and the window's path")
    void grantAndRevoke() {
        String user = elevations.newUser("granted");
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        elevations.revoke(id, "change rolled back").expectStatus(200);

        JsonNode events = events("resourceTypes=CUSTOM&resourcePath=elevation/windows/" + id + "*");

        List<String> seen = new ArrayList<>();
        events.forEach(e -> seen.add(e.path("operationType").asText() + " " + e.path("resourcePath").asText()));
        assertThat(seen).containsExactlyInAnyOrder("CREATE elevation/windows/" + id,
                "UPDATE elevation/windows/" + id + "/revoke");
        assertThat(events).allSatisfy(e -> assertThat(e.path("resourceType").asText()).isEqualTo("CUSTOM"));
    }

    private JsonNode events(String query) {
        return admin.get(DEMO_REALM + "/admin-events?" + query).expectStatus(200).body();
    }

    private static JsonNode representation(JsonNode event) {
        try {
            return JSON.readTree(event.path("representation").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
