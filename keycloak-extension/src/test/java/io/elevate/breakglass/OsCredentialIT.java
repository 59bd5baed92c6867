package io.elevate.breakglass;

import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.aws.SsmContract;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Form;
import io.elevate.testing.browser.Page;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The break-glass OS credential against the real server: a policy with break-glass and an OS password, a break-glass
 * window through the API, the timer's SSM command (SSM is the contract stand-in, which plays the instance), the
 * password shown once in the portal to its requester only, and the parameter deleted; every step audited, never with
 * the password. The timer runs every 2 s in tests.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The break-glass OS credential")
class OsCredentialIT {

    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String KEY = "alias/elevate-break-glass";
    private static final int SECONDS = 10;

    private KeycloakServer server;
    private Elevations elevations;
    private PolicyAdmin policies;
    private SsmContract ssm;
    private String operator;
    private String approver;
    private String policy;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        this.ssm = SsmContract.on(server.aws());
        String operators = policies.newGroup("operators");
        String approvers = policies.newGroup("approvers");
        String breakGlass = policies.newGroup("break-glass");
        this.operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        policies.addMember(elevations.userId(operator), breakGlass);
        this.approver = elevations.newUser("appr");
        policies.addMember(elevations.userId(approver), approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("breakGlassGroup", List.of(breakGlass));
        config.put("osCredential", List.of("true"));
        config.put("osCredentialUser", List.of("elevate-breakglass"));
        config.put("osCredentialKmsKeyId", List.of(KEY));
        config.put("osCredentialSeconds", List.of(Integer.toString(SECONDS)));
        this.policy = policies.create("glass with password " + operators, config);
    }

    @Test
    void theRequesterSeesThePasswordOnceNobodyElseDoesAndItIsDeleted() {
        String id = breakGlass();
        String parameter = "/elevate/break-glass/" + id;

        Browser operatorBrowser = new Browser();
        Page portal = signIn(operatorBrowser, operator);
        Browser approverBrowser = new Browser();
        Page approverPortal = signIn(approverBrowser, approver);
        Page ready = await("the password is ready", () -> {
            Page page = operatorBrowser.open(portalUrl());
            return page.document().selectFirst("#show-os-credential-" + id) != null ? page : null;
        });
        assertThat(ready.document().selectFirst("#os-credential-" + id).attr("data-os-credential")).isEqualTo("set");
        SsmContract.Command command = ssm.commands().stream().filter(c -> c.comment().endsWith(id)).findFirst()
                .orElseThrow();
        String password = ssm.parameter(parameter);
        assertThat(password).isNotNull();
        assertThat(command.documentName()).isEqualTo("AWS-RunShellScript");
        assertThat(command.instanceIds()).containsExactly(INSTANCE);
        assertThat(String.join("\n", command.commands())).contains("N='" + parameter + "'", "K='" + KEY + "'",
                "U='elevate-breakglass'").doesNotContain(password);
        assertThat(ready.body()).doesNotContain(password);

        // Another user, signed in with a valid CSRF token of their own, is refused and AWS is not asked.
        assertThat(approverPortal.document().selectFirst("#os-credential-" + id)).isNull();
        Form review = approverPortal.form("#review-form-" + id);
        review.element().attr("action", portalUrl() + "/requests/" + id + "/os-credential");
        Page refused = review.submit(Map.of());
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(password);
        assertThat(getParameterCalls(parameter)).isZero();

        // A POST without the CSRF token changes nothing.
        Form withoutToken = operatorBrowser.open(portalUrl()).form("#os-credential-form-" + id);
        withoutToken.element().selectFirst("input[name=csrf]").attr("disabled", "disabled");
        assertThat(withoutToken.submit(Map.of()).status()).isEqualTo(403);

        Page shown = ready.submit("#os-credential-form-" + id, Map.of());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.document().selectFirst("#elevate-os-password").text()).isEqualTo(password);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(shown.text()).contains("elevate-breakglass", INSTANCE);

        Page again = ready.submit("#os-credential-form-" + id, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).doesNotContain(password);
        assertThat(again.document().selectFirst("#elevate-portal-error-detail").text()).contains("already shown");
        assertThat(getParameterCalls(parameter)).isEqualTo(1);
        assertThat(operatorBrowser.open(portalUrl()).document().selectFirst("#show-os-credential-" + id)).isNull();

        await("the shown password is deleted", () -> ssm.parameter(parameter) == null ? true : null);
        JsonNode audit = await("the deletion is audited", () -> actions(id).contains("OS_CREDENTIAL_DELETED")
                ? elevations.audit(id) : null);
        // BREAK_GLASS and OS_CREDENTIAL_REQUESTED are written in one transaction: the window first, then what it caused
        assertThat(actions(id).subList(0, 2)).containsExactly("BREAK_GLASS", "OS_CREDENTIAL_REQUESTED");
        assertThat(actions(id)).containsSubsequence("OS_CREDENTIAL_REQUESTED", "OS_CREDENTIAL_COMMAND_SENT",
                "OS_CREDENTIAL_SET", "OS_CREDENTIAL_SHOWN", "OS_CREDENTIAL_DELETED");
        assertThat(audit).allSatisfy(r -> assertThat(r.toString()).doesNotContain(password));
        assertThat(audit).filteredOn(r -> r.path("action").asText().equals("OS_CREDENTIAL_SHOWN")).singleElement()
                .satisfies(r -> assertThat(r.path("actorName").asText()).isEqualTo(operator));
        assertThat(portal.status()).isEqualTo(200);
    }

    @Test
    void aPasswordNobodyAsksForIsDeletedAfterTheConfiguredSeconds() {
        String id = breakGlass();
        String parameter = "/elevate/break-glass/" + id;

        await("the password is set", () -> actions(id).contains("OS_CREDENTIAL_SET") ? true : null);
        assertThat(ssm.parameter(parameter)).isNotNull();
        await("the password is deleted", () -> actions(id).contains("OS_CREDENTIAL_DELETED") ? true : null);

        JsonNode audit = elevations.audit(id);
        Instant set = occurredAt(audit, "OS_CREDENTIAL_SET");
        Instant deleted = occurredAt(audit, "OS_CREDENTIAL_DELETED");
        assertThat(Duration.between(set, deleted)).isBetween(Duration.ofSeconds(SECONDS), Duration.ofSeconds(SECONDS + 8));
        assertThat(ssm.parameter(parameter)).isNull();
        assertThat(getParameterCalls(parameter)).isZero();

        Browser browser = new Browser();
        Page portal = signIn(browser, operator);
        assertThat(portal.document().selectFirst("#os-credential-" + id).attr("data-os-credential")).isEqualTo("deleted");
        Form cancel = portal.form("#elevate-portal-mine form[action$='/cancel']");
        cancel.element().attr("action", portalUrl() + "/requests/" + id + "/os-credential");
        Page late = cancel.submit(Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.document().selectFirst("#elevate-portal-error-detail").text()).contains("time ran out");
    }

    @Test
    void aPolicyWithAnOsCredentialNeedsAKmsKeyAndBreakGlass() {
        Map<String, List<String>> config = PolicyAdmin.policy(policies.newGroup("operators"),
                policies.newGroup("approvers"));
        config.put("osCredential", List.of("true"));
        config.put("osCredentialUser", List.of("root; reboot"));

        String problem = policies.tryCreate("no key", config).expectStatus(400).body().toString();

        assertThat(problem).contains("osCredentialKmsKeyId", "osCredentialUser", "needs break-glass");
    }

    private String breakGlass() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", INSTANCE);
        body.put("justification", "INC911: the instance is unreachable through Session Manager");
        body.put("durationMinutes", 30);
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD)
                .post("break-glass", body).expectStatus(201).body().path("id").asText();
    }

    private List<String> actions(String id) {
        List<String> actions = new ArrayList<>();
        elevations.audit(id).forEach(r -> actions.add(r.path("action").asText()));
        return actions;
    }

    private static Instant occurredAt(JsonNode audit, String action) {
        for (JsonNode record : audit) {
            if (record.path("action").asText().equals(action)) {
                return Instant.parse(record.path("occurredAt").asText());
            }
        }
        throw new AssertionError("no " + action + " in " + audit);
    }

    private long getParameterCalls(String parameter) {
        return server.aws().requests("ssm", "GetParameter").stream()
                .filter(r -> r.json().path("Name").asText().equals(parameter)).count();
    }

    private Page signIn(Browser browser, String username) {
        Page portal = browser.open(portalUrl()).submit("#kc-form-login",
                Map.of("username", username, "password", Elevations.PASSWORD));
        assertThat(portal.url().toString()).isEqualTo(portalUrl());
        assertThat(portal.status()).isEqualTo(200);
        return portal;
    }

    private String portalUrl() {
        return server.realmUrl(DEMO_REALM) + "/elevation/portal";
    }

    private static <T> T await(String what, Supplier<T> probe) {
        return Await.until(what, Duration.ofSeconds(40), () -> Optional.ofNullable(probe.get()), () -> "nothing");
    }
}
