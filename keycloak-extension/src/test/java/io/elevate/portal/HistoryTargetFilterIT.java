package io.elevate.portal;

import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/** The history filtered by target (policy), against a real Keycloak: refusals, which have no window, are kept. */
@ExtendWith(KeycloakServer.class)
@DisplayName("The history filtered by target")
class HistoryTargetFilterIT {

    @Test
    @DisplayName("given a request a deny rule refused and one made, then the target's history and CSV hold both")
    void refusalsStayInTheTargetsHistory(KeycloakServer server, AdminApi admin) {
        Elevations elevations = new Elevations(admin);
        PolicyAdmin policies = new PolicyAdmin(admin);
        String operators = policies.newGroup("operators");
        String approvers = policies.newGroup("approvers");
        String operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        policies.addMember(elevations.userId(elevations.newUser("appr")), approvers);
        String auditor = elevations.newUser("auditor");
        policies.grantRealmRole(elevations.userId(auditor), "elevation-auditor");
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("denyRules", List.of("[{\"name\": \"no night shift\", \"expression\": "
                + "\"request.ticket == 'NIGHT'\", \"description\": \"not at night\"}]"));
        String policy = policies.create("history " + operators, config);
        String other = policies.create("history other " + operators, PolicyAdmin.policy(operators, approvers));
        AdminApi op = AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD);
        Map<String, Object> night = request(policy);
        night.put("ticket", "NIGHT");
        op.post("requests", night).expectStatus(403);
        String id = op.post("requests", request(policy)).expectStatus(201).body().path("id").asText();

        String portal = server.realmUrl(DEMO_REALM) + "/elevation/portal";
        Browser browser = new Browser();
        Page login = browser.open(portal);
        assertThat(login.submit("#kc-form-login", Map.of("username", auditor, "password", Elevations.PASSWORD))
                .status()).isEqualTo(200);
        String csv = Await.until("the refusal in the target's CSV", Duration.ofSeconds(30), () -> {
            Page page = browser.open(portal + "/audit.csv?target=" + policy + "&person=" + operator);
            return page.status() == 200 && page.body().contains("\"DENIED\"") ? Optional.of(page.body())
                    : Optional.empty();
        }, () -> "no DENIED row");
        assertThat(csv).contains("\"REQUESTED\",\"" + id + "\"").contains("\"no night shift\"")
                .as("the refusal names its policy, and no stored map text").contains("\"history " + operators + "\"")
                .doesNotContain("{action=");
        org.jsoup.select.Elements denied = browser.open(portal + "/history?target=" + policy + "&action=DENIED&person="
                + operator).document().select("#elevate-portal-audit-table tbody tr");
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).selectFirst(".elevate-portal-audit-sentence").text())
                .endsWith(" was refused by a deny rule of history " + operators + " (123456789012 · ElevateSessionManager).");
        assertThat(browser.open(portal + "/audit.csv?target=" + other + "&person=" + operator).body())
                .doesNotContain("DENIED").doesNotContain(id);
    }

    private static Map<String, Object> request(String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the web tier is down");
        body.put("durationMinutes", 30);
        return body;
    }
}
