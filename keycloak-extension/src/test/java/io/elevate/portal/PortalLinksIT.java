package io.elevate.portal;

import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links into the portal, as chat messages and shared filtered views carry them, opened in a browser that must sign in
 * first: the sign-in ends where the link pointed, never anywhere else.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("A link into the portal, opened before signing in")
class PortalLinksIT {

    private String portal;
    private String approver;
    private String auditor;
    private String id;

    @BeforeEach
    void aWaitingRequest(KeycloakServer server, AdminApi admin) {
        Elevations elevations = new Elevations(admin);
        PolicyAdmin policies = new PolicyAdmin(admin);
        String operators = policies.newGroup("link-operators");
        String approvers = policies.newGroup("link-approvers");
        String operator = elevations.newUser("link-op");
        policies.addMember(elevations.userId(operator), operators);
        approver = elevations.newUser("link-appr");
        policies.addMember(elevations.userId(approver), approvers);
        auditor = elevations.newUser("link-auditor");
        policies.grantRealmRole(elevations.userId(auditor), "elevation-auditor");
        String policy = policies.create("links " + operators, PolicyAdmin.policy(operators, approvers));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the web tier is down");
        body.put("durationMinutes", 30);
        id = AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD)
                .post("requests", body).expectStatus(201).body().path("id").asText();
        portal = server.realmUrl(DEMO_REALM) + "/elevation/portal";
    }

    @Test
    @DisplayName("given a request's page, then the sign-in ends on that page")
    void aRequestsPage() {
        Page page = signIn(new Browser().open(portal + "/requests/" + id), approver);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.url().getPath()).endsWith("/elevation/portal/requests/" + id);
        assertThat(page.text()).contains("INC42: the web tier is down");
    }

    @Test
    @DisplayName("given the request's place in the approver's queue, then the sign-in ends there, on the portal")
    void aPlaceInTheQueue() {
        Browser browser = new Browser();
        Page page = signIn(browser.open(portal + "?focus=waiting-" + id), approver);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.url().toString()).isEqualTo(portal + "#waiting-" + id);
        assertThat(page.document().getElementById("waiting-" + id)).as("the request in the queue").isNotNull();
        assertThat(browser.open(portal + "?focus=waiting-" + id).url().toString())
                .as("signed in, the link goes straight there").isEqualTo(portal + "#waiting-" + id);
    }

    @Test
    @DisplayName("given a filtered history, then the sign-in ends on it with its filters")
    void aFilteredHistory() {
        Page page = signIn(new Browser().open(portal + "/history?action=REQUESTED&person=link-op"), auditor);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.url().getPath()).endsWith("/elevation/portal/history");
        assertThat(page.url().getQuery()).isEqualTo("action=REQUESTED&person=link-op");
    }

    @Test
    @DisplayName("given a place the portal does not know, then a 400 names it, and nothing is followed")
    void anUnknownPlace() {
        Page page = new Browser().open(portal + "?focus=" + "https%3A%2F%2Fevil.example");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text()).contains("focus=https://evil.example");
    }

    private static Page signIn(Page login, String username) {
        assertThat(login.document().selectFirst("#kc-form-login")).as("Keycloak's sign-in form").isNotNull();
        return login.submit("#kc-form-login", Map.of("username", username, "password", Elevations.PASSWORD));
    }
}
