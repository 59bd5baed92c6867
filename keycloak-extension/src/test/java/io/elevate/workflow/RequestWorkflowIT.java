package io.elevate.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.AtOnce;
import io.elevate.testing.Await;
import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.Mailbox;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request → approve → elevate through the elevation API with the users' own bearer tokens, against the real server,
 * with mail delivered to a real SMTP server.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The request workflow")
class RequestWorkflowIT {

    private static final String TAG = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    private static Mailbox mailbox;

    private KeycloakServer server;
    private Elevations elevations;
    private PolicyAdmin policies;
    private String operators;
    private String approvers;
    private String operator;
    private String approver;

    @BeforeAll
    static void startMail(AdminApi admin) {
        mailbox = Mailbox.startFor(admin);
    }

    @AfterAll
    static void stopMail() {
        mailbox.close();
    }

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        this.operators = policies.newGroup("operators");
        this.approvers = policies.newGroup("approvers");
        this.operator = member("op", operators);
        this.approver = member("appr", approvers);
    }

    @Test
    void requestApproveSignInRevokeAndTheNextSignInIsDenied() {
        String policy = policies.create("web shell " + operators, PolicyAdmin.policy(operators, approvers));

        JsonNode requested = as(operator).post("requests", request(policy, 60)).expectStatus(201).body();
        String id = requested.path("id").asText();
        assertThat(requested.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(as(approver).get("requests/waiting").expectStatus(200).body())
                .extracting(r -> r.path("id").asText()).contains(id);
        mailbox.await(approver + "@elevate.test", "asks for elevated AWS access");

        JsonNode approved = as(approver).post("requests/" + id + "/approve", Map.of("comment", "ok, go"))
                .expectStatus(200).body();
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("open").asBoolean()).isTrue();
        assertThat(mailbox.await(operator + "@elevate.test", "was approved").text()).contains("ok, go");

        SamlPost post = AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(operator, Elevations.PASSWORD))
                .orElseThrow(() -> new AssertionError("no SAML Response inside the approved window"));
        assertThat(SamlAttributes.of(post.response())).containsEntry(TAG + "ElevationId", List.of(id))
                .containsEntry(TAG + "AppId", List.of("ABC"));

        as(approver).post("requests/" + id + "/revoke", Map.of("reason", "incident <over> & done")).expectStatus(200);
        assertThat(AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(operator, Elevations.PASSWORD))).isEmpty();
        assertThat(mailbox.await(operator + "@elevate.test", "was revoked").text())
                .as("the text part as typed, the HTML part escaped by the template")
                .contains("Reason: incident <over> & done", "incident &lt;over&gt; &amp; done");
    }

    @Test
    @DisplayName("a policy with role chaining on and a shell user gives transitive tags, ElevationChaining=allowed and "
            + "SSMSessionRunAs; one without, none of them, and the policy and request say which")
    void roleChainingIsChosenPerPolicy() {
        Map<String, List<String>> chainingConfig = PolicyAdmin.policy(operators, approvers);
        chainingConfig.put("roleChaining", List.of("true"));
        chainingConfig.put("runAsUser", List.of("ops-shell"));
        String chaining = policies.create("chaining " + operators, chainingConfig);
        String strict = policies.create("strict " + operators, PolicyAdmin.policy(operators, approvers));
        assertThat(policies.tryCreate("chaining typo " + operators, withSetting("roleChaining", "yes")).status())
                .isEqualTo(400);

        assertThat(as(operator).get("policies").expectStatus(200).body())
                .filteredOn(p -> p.path("id").asText().equals(chaining))
                .singleElement().satisfies(p -> assertThat(p.path("roleChaining").asBoolean()).isTrue());
        String id = as(operator).post("requests", request(chaining, 60)).expectStatus(201).body().path("id").asText();
        JsonNode approved = as(approver).post("requests/" + id + "/approve", Map.of("comment", "ok")).expectStatus(200).body();
        assertThat(approved.path("roleChaining").asBoolean()).isTrue();
        assertThat(approved.path("runAsUser").asText()).isEqualTo("ops-shell");

        Map<String, List<String>> attributes = SamlAttributes.of(AwsSignIn.samlPost(new AwsSignIn(server.baseUrl())
                .signIn(operator, Elevations.PASSWORD)).orElseThrow().response());
        assertThat(attributes).containsEntry(TAG + "ElevationId", List.of(id))
                .containsEntry(TAG + "ElevationChaining", List.of("allowed"))
                .containsEntry(TAG + "SSMSessionRunAs", List.of("ops-shell"))
                .containsEntry("https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys",
                        List.of("AppGroupName", "AppId", "ReleaseId", "ElevationId", "SSMSessionRunAs",
                                "ElevationChaining"));
        as(approver).post("requests/" + id + "/revoke", Map.of("reason", "done")).expectStatus(200);

        String strictId = as(operator).post("requests", request(strict, 60)).expectStatus(201).body().path("id")
                .asText();
        assertThat(as(approver).post("requests/" + strictId + "/approve", Map.of("comment", "ok")).expectStatus(200).body()
                .path("roleChaining").asBoolean()).isFalse();
        Map<String, List<String>> strictAttributes = SamlAttributes.of(AwsSignIn.samlPost(
                new AwsSignIn(server.baseUrl()).signIn(operator, Elevations.PASSWORD)).orElseThrow().response());
        assertThat(strictAttributes).containsEntry(TAG + "ElevationId", List.of(strictId))
                .doesNotContainKeys(TAG + "ElevationChaining", TAG + "SSMSessionRunAs",
                        "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys");
        as(approver).post("requests/" + strictId + "/revoke", Map.of("reason", "done")).expectStatus(200);
    }

    private Map<String, List<String>> withSetting(String key, String value) {
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put(key, List.of(value));
        return config;
    }

    @Test
    void aQuorumOfTwoNeedsTwoDistinctApprovers() {
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("approvalsRequired", List.of("2"));
        String second = member("appr2", approvers);
        String policy = policies.create("two approvers " + operators, config);
        String id = as(operator).post("requests", request(policy, 30)).expectStatus(201).body().path("id").asText();

        JsonNode first = as(approver).post("requests/" + id + "/approve", Map.of("comment", "ok")).expectStatus(200).body();
        assertThat(first.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(first.path("approvals")).hasSize(1);
        assertThat(as(approver).post("requests/" + id + "/approve", Map.of()).status()).isEqualTo(409);

        JsonNode done = as(second).post("requests/" + id + "/approve", Map.of("comment", "ok")).expectStatus(200).body();
        assertThat(done.path("status").asText()).isEqualTo("APPROVED");
        assertThat(done.path("approvals")).extracting(a -> a.path("approver").asText())
                .containsExactlyInAnyOrder(approver, second);
    }

    @Test
    void aRequesterNeverApprovesTheirOwnRequestEvenAsAnApprover() {
        String policy = policies.create("self " + operators, PolicyAdmin.policy(operators, approvers));
        policies.addMember(elevations.userId(approver), operators);
        member("appr2", approvers);
        String id = as(approver).post("requests", request(policy, 30)).expectStatus(201).body().path("id").asText();

        JsonResponse self = as(approver).post("requests/" + id + "/approve", Map.of());

        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body().path("error_description").asText()).contains("your own request");
        assertThat(as(approver).get("requests/waiting").body()).extracting(r -> r.path("id").asText())
                .doesNotContain(id);
    }

    @Test
    void anApproverOutsideTheApproverGroupsIsRefused() {
        String policy = policies.create("outsider " + operators, PolicyAdmin.policy(operators, approvers));
        String outsider = member("outsider", policies.newGroup("others"));
        String id = as(operator).post("requests", request(policy, 30)).expectStatus(201).body().path("id").asText();

        assertThat(as(outsider).post("requests/" + id + "/approve", Map.of()).status()).isEqualTo(403);
        assertThat(as(outsider).post("requests/" + id + "/reject", Map.of("comment", "no")).status()).isEqualTo(403);
    }

    @Test
    void aUserOutsideTheEligibleGroupsCannotAsk() {
        String policy = policies.create("eligible " + operators, PolicyAdmin.policy(operators, approvers));
        String stranger = member("stranger", policies.newGroup("others"));

        assertThat(as(stranger).post("requests", request(policy, 30)).status()).isEqualTo(403);
        assertThat(as(stranger).get("policies").body()).extracting(p -> p.path("id").asText()).doesNotContain(policy);
        assertThat(as(operator).get("policies").body()).extracting(p -> p.path("id").asText()).contains(policy);
    }

    @Test
    void refusesRequestsThatBreakThePolicy() {
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("ticketPattern", List.of("^(CHG|INC)[0-9]+$"));
        String policy = policies.create("rules " + operators, config);

        Map<String, Object> bad = request(policy, 500);
        bad.put("ticket", "JIRA-1");
        bad.put("instanceId", "i-0fedcba9876543210");
        bad.remove("justification");
        JsonResponse refused = as(operator).post("requests", bad);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("violations")).extracting(v -> v.path("field").asText())
                .contains("ticket", "instanceId", "justification", "durationMinutes");
        assertThat(as(operator).post("requests", "not json").status()).isEqualTo(400);
        assertThat(as(operator).post("requests", Map.of("policy", policy, "durationMinutes", "sixty")).status())
                .isEqualTo(400);
    }

    @Test
    void aScheduledStartOpensTheWindowOnlyAtItsTime() {
        String policy = policies.create("scheduled " + operators, PolicyAdmin.policy(operators, approvers));
        Instant start = Instant.now().plus(Duration.ofHours(2));
        Map<String, Object> scheduled = request(policy, 30);
        scheduled.put("startsAt", start.toString());
        String id = as(operator).post("requests", scheduled).expectStatus(201).body().path("id").asText();
        JsonNode approved = as(approver).post("requests/" + id + "/approve", Map.of("comment", "ok")).expectStatus(200).body();

        assertThat(approved.path("open").asBoolean()).isFalse();
        assertThat(AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(operator, Elevations.PASSWORD))).isEmpty();

        try (var later = server.time().ahead(Duration.ofHours(2).plusMinutes(1))) {
            assertThat(AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(operator, Elevations.PASSWORD)))
                    .isPresent();
        }
    }

    @Test
    void anExtensionNeedsApprovalAgainAndMovesTheEnd() {
        String policy = policies.create("extend " + operators, PolicyAdmin.policy(operators, approvers));
        String id = as(operator).post("requests", request(policy, 30)).expectStatus(201).body().path("id").asText();
        String endsAt = as(approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body()
                .path("endsAt").asText();

        JsonNode asked = as(operator).post("requests/" + id + "/extend",
                Map.of("minutes", 30, "justification", "the fix takes longer")).expectStatus(200).body();
        assertThat(asked.path("extensionMinutes").asInt()).isEqualTo(30);
        assertThat(asked.path("endsAt").asText()).isEqualTo(endsAt);
        assertThat(as(operator).post("requests/" + id + "/extend",
                Map.of("minutes", 300, "justification", "more")).status()).isEqualTo(409);

        JsonNode extended = as(approver).post("requests/" + id + "/approve", Map.of("comment", "ok")).expectStatus(200).body();
        assertThat(Instant.parse(extended.path("endsAt").asText()))
                .isEqualTo(Instant.parse(endsAt).plus(Duration.ofMinutes(30)));
        assertThat(extended.path("extensionMinutes").isMissingNode() || extended.path("extensionMinutes").isNull())
                .isTrue();
    }

    @Test
    void breakGlassOpensAtOnceNotifiesEveryApproverAndStaysFlaggedUntilReviewed() {
        String breakGlass = policies.newGroup("break-glass");
        policies.addMember(elevations.userId(operator), breakGlass);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("breakGlassGroup", List.of(breakGlass));
        String policy = policies.create("glass " + operators, config);
        String second = member("appr2", approvers);

        Map<String, Object> emergency = request(policy, 30);
        JsonNode opened = as(operator).post("break-glass", emergency).expectStatus(201).body();
        String id = opened.path("id").asText();

        assertThat(opened.path("status").asText()).isEqualTo("APPROVED");
        assertThat(opened.path("open").asBoolean()).isTrue();
        assertThat(opened.path("breakGlass").asBoolean()).isTrue();
        assertThat(opened.path("awaitingReview").asBoolean()).isTrue();
        mailbox.await(approver + "@elevate.test", "BREAK-GLASS");
        mailbox.await(second + "@elevate.test", "BREAK-GLASS");
        assertThat(AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(operator, Elevations.PASSWORD))).isPresent();
        assertThat(as(approver).get("requests/waiting").body()).extracting(r -> r.path("id").asText()).contains(id);

        JsonNode reviewed = as(approver).post("requests/" + id + "/review", Map.of("comment", "checked the session"))
                .expectStatus(200).body();
        assertThat(reviewed.path("awaitingReview").asBoolean()).isFalse();
        assertThat(reviewed.path("reviewedBy").asText()).isEqualTo(approver);

        String outsider = member("plain", operators);
        assertThat(as(outsider).post("break-glass", request(policy, 30)).status()).isEqualTo(403);
    }

    @Test
    void theRequesterHearsShortlyBeforeTheWindowEnds() {
        String policy = policies.create("ending " + operators, PolicyAdmin.policy(operators, approvers));
        String id = as(operator).post("requests", request(policy, 10)).expectStatus(201).body().path("id").asText();
        as(approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200);

        Mailbox.Mail notice = mailbox.await(operator + "@elevate.test", "Your elevation ends at");

        assertThat(notice.text()).contains(id).contains("i-0123456789abcdef0");
        assertThat(mailbox.to(operator + "@elevate.test")).filteredOn(m -> m.subject().contains("ends at")).hasSize(1);
    }

    @Test
    void pendingRequestsExpire() {
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("pendingExpiryMinutes", List.of("1"));
        String policy = policies.create("expiring " + operators, config);
        JsonNode requested = as(operator).post("requests", request(policy, 30)).expectStatus(201).body();
        String id = requested.path("id").asText();
        Instant expiresAt = Instant.parse(requested.path("expiresAt").asText());

        try (var later = server.time().ahead(Duration.between(Instant.now(), expiresAt).plusSeconds(1))) {
            // the approver's vote is refused from the moment the request is out of time, before the timer has run
            assertThat(as(approver).post("requests/" + id + "/approve", Map.of()).status()).isEqualTo(409);
            Await.until("the timer expires the request", Duration.ofSeconds(30), () -> Optional.of(
                    as(operator).get("requests/" + id).expectStatus(200).body().path("status").asText())
                    .filter("EXPIRED"::equals), () -> "still pending");
        }
        assertThat(as(approver).post("requests/" + id + "/approve", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void parallelApprovalsAndRevokesMakeExactlyOneTransitionEach() throws Exception {
        String policy = policies.create("race " + operators, PolicyAdmin.policy(operators, approvers));
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(member("racer" + i, approvers));
        }
        String id = as(operator).post("requests", request(policy, 30)).expectStatus(201).body().path("id").asText();

        List<Integer> approvals = race(racers, user -> as(user).post("requests/" + id + "/approve", Map.of()).status());
        List<Integer> revokes = race(racers, user ->
                as(user).post("requests/" + id + "/revoke", Map.of("reason", "race")).status());

        assertThat(approvals).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(revokes).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        List<String> actions = new ArrayList<>();
        elevations.audit(id).forEach(r -> actions.add(r.path("action").asText()));
        // The revocation outbox audits its own rows (REVOCATION_QUEUED, then _APPLIED when the worker ran): one revoke.
        assertThat(actions).filteredOn(a -> !a.startsWith("REVOCATION_"))
                .containsExactly("REQUESTED", "APPROVED", "REVOKED");
        assertThat(actions).filteredOn("REVOCATION_QUEUED"::equals).hasSize(1);
    }

    @Test
    void theAuditTrailIsForAuditorsAndExportsAsCsv() {
        String policy = policies.create("audit " + operators, PolicyAdmin.policy(operators, approvers));
        String id = as(operator).post("requests", request(policy, 30)).expectStatus(201).body().path("id").asText();
        as(approver).post("requests/" + id + "/reject", Map.of("comment", "=HYPERLINK(\"x\")")).expectStatus(200);
        String auditor = elevations.newUser("auditor");
        policies.grantRealmRole(elevations.userId(auditor), "elevation-auditor");

        JsonNode trail = as(auditor).get("audit?window=" + id).expectStatus(200).body();
        JsonResponse csv = as(auditor).get("audit?window=" + id + "&format=csv").expectStatus(200);

        assertThat(trail).extracting(r -> r.path("action").asText()).containsExactly("REQUESTED", "REJECTED");
        assertThat(trail.get(1).path("actorName").asText()).isEqualTo(approver);
        assertThat(csv.body().asText()).startsWith("occurred_at,action,window_id,actor,ip_address,detail")
                .contains("\"REJECTED\"").doesNotContain(",\"=HYPERLINK");
        assertThat(as(operator).get("audit").status()).isEqualTo(403);
        assertThat(as(approver).get("audit?from=yesterday").status()).isEqualTo(403);
        assertThat(as(auditor).get("audit?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void everyTransitionIsAKeycloakAdminEvent(AdminApi admin) {
        String policy = policies.create("events " + operators, PolicyAdmin.policy(operators, approvers));
        String id = as(operator).post("requests", request(policy, 30)).expectStatus(201).body().path("id").asText();
        as(operator).post("requests/" + id + "/cancel", Map.of("reason", "not needed")).expectStatus(200);

        JsonNode events = admin.get(DEMO_REALM + "/admin-events?resourcePath=elevation/requests/" + id + "/*").expectStatus(200).body();
        List<String> paths = new ArrayList<>();
        events.forEach(e -> {
            assertThat(e.path("resourceType").asText()).isEqualTo("CUSTOM");
            paths.add(e.path("resourcePath").asText());
        });
        assertThat(paths).contains("elevation/requests/" + id + "/REQUESTED", "elevation/requests/" + id + "/CANCELLED");
    }

    @Test
    void policiesThatMakeNoSenseAreRefusedByTheAdminApi() {
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("approvalsRequired", List.of("3"));
        config.put("maxDurationMinutes", List.of("0"));
        JsonResponse refused = policies.tryCreate("nonsense", config);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("maxDurationMinutes");

        Map<String, List<String>> quorum = PolicyAdmin.policy(operators, approvers);
        quorum.put("approvalsRequired", List.of("3"));
        assertThat(policies.tryCreate("quorum", quorum).body().toString()).contains("approver groups have 1");

        Map<String, List<String>> unknown = PolicyAdmin.policy("/no-such-group", approvers);
        assertThat(policies.tryCreate("unknown group", unknown).body().toString()).contains("no group /no-such-group");
    }

    private Map<String, Object> request(String policy, int minutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the web tier is down");
        body.put("durationMinutes", minutes);
        return body;
    }

    private String member(String prefix, String group) {
        String username = elevations.newUser(prefix);
        policies.addMember(elevations.userId(username), group);
        return username;
    }

    private AdminApi as(String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }

    private static List<Integer> race(List<String> users, java.util.function.Function<String, Integer> call)
            throws Exception {
        return AtOnce.call(users.stream().<Callable<Integer>>map(u -> () -> call.apply(u)).toList());
    }
}
