package io.elevate.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.AtOnce;
import io.elevate.testing.Elevations;
import io.elevate.testing.Mailbox;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/** A policy's approval stages, automatic approval and deny rules, and its explanations, against a real Keycloak. */
@ExtendWith(KeycloakServer.class)
@DisplayName("A policy with stages and rules")
class PolicyStagesAndRulesIT {

    private static Mailbox mailbox;

    private KeycloakServer server;
    private AdminApi admin;
    private Elevations elevations;
    private PolicyAdmin policies;
    private String operators;
    private String operator;

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
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        this.operators = policies.newGroup("operators");
        this.operator = member("op", operators);
    }

    @Nested
    @DisplayName("given two stages: one team lead, then two of security")
    class Stages {

        private String leads;
        private String security;
        private String lead;
        private String policy;

        @BeforeEach
        void twoStages() {
            leads = policies.newGroup("leads");
            security = policies.newGroup("security");
            lead = member("lead", leads);
            Map<String, List<String>> config = PolicyAdmin.policy(operators, leads);
            config.remove("approverGroups");
            config.put("approvalStages", List.of("[{\"name\": \"team lead\", \"approverGroups\": [\"" + leads + "\"]},"
                    + " {\"name\": \"security\", \"approverGroups\": [\"" + security + "\"],"
                    + " \"approvalsRequired\": 2}]"));
            policies.addMember(elevations.userId(lead), security);
            member("sec", security);
            member("sec", security);
            policy = policies.create("staged " + operators, config);
        }

        @Test
        @DisplayName("then each stage's quorum moves the request on, in order; no one approves two stages; the "
                + "approvals, the request and the audit show the stage")
        void inOrder() {
            String first = member("sec", security);
            String second = member("sec", security);
            String id = as(operator).post("requests", request(policy, 60)).expectStatus(201).body().path("id").asText();
            JsonNode asked = as(operator).get("requests/" + id).expectStatus(200).body();
            assertThat(asked.path("stages").asInt()).isEqualTo(2);
            assertThat(asked.path("currentStage").asInt()).isEqualTo(1);
            assertThat(asked.path("currentStageName").asText()).isEqualTo("team lead");
            assertThat(ids(as(first).get("requests/waiting").body())).doesNotContain(id);

            JsonNode early = as(first).post("requests/" + id + "/approve", Map.of()).expectStatus(409).body();
            assertThat(early.toString()).contains("stage 1 (team lead)");

            JsonNode afterLead = as(lead).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body();
            assertThat(afterLead.path("status").asText()).isEqualTo("REQUESTED");
            assertThat(afterLead.path("currentStage").asInt()).isEqualTo(2);
            assertThat(ids(as(first).get("requests/waiting").body())).contains(id);
            assertThat(ids(as(lead).get("requests/waiting").body())).doesNotContain(id);

            JsonNode twice = as(lead).post("requests/" + id + "/approve", Map.of()).expectStatus(409).body();
            assertThat(twice.toString()).contains("you approved stage 1");

            JsonNode one = as(first).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body();
            assertThat(one.path("status").asText()).isEqualTo("REQUESTED");
            JsonNode done = as(second).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body();
            assertThat(done.path("status").asText()).isEqualTo("APPROVED");
            assertThat(done.hasNonNull("currentStage")).isFalse();
            List<Integer> stages = new ArrayList<>();
            done.path("approvals").forEach(a -> stages.add(a.path("stage").asInt()));
            assertThat(stages).containsExactly(1, 2, 2);

            List<String> trail = new ArrayList<>();
            elevations.audit(id).forEach(r -> trail.add(r.path("action").asText() + " " + r.path("detail").asText()));
            assertThat(trail).filteredOn(t -> !t.startsWith("REVOCATION_")).satisfiesExactly(
                    t -> assertThat(t).startsWith("REQUESTED").contains("stage=1 of 2 (team lead)"),
                    t -> assertThat(t).startsWith("STAGE_APPROVED").contains("stage=1 of 2 (team lead)"),
                    t -> assertThat(t).startsWith("APPROVAL_ADDED").contains("stage=2 of 2 (security)"),
                    t -> assertThat(t).startsWith("APPROVED").contains("stage=2 of 2 (security)"));
        }

        @Test
        @DisplayName("then the e-mail asking for a decision goes to the current stage's approvers only: the team lead "
                + "first, security once the lead approved, never the requester")
        void noticesGoToTheCurrentStage() {
            String guard = member("sec", security);
            String id = as(operator).post("requests", request(policy, 60)).expectStatus(201).body().path("id").asText();
            mailbox.await(lead + "@elevate.test", "asks for elevated AWS access");
            as(lead).post("requests/" + id + "/approve", Map.of()).expectStatus(200);
            mailbox.await(guard + "@elevate.test", "asks for elevated AWS access");
            assertThat(asks(guard)).as("security is told once, at stage 2").isEqualTo(1);
            assertThat(asks(lead)).as("the lead, in security too, is not asked again for stage 2").isEqualTo(1);
            assertThat(asks(operator)).as("the requester is never asked").isZero();
        }

        @Test
        @DisplayName("then the portal shows each approver the stage the request waits for")
        void portalShowsTheStage() {
            String guard = member("sec", security);
            String id = as(operator).post("requests", request(policy, 60)).expectStatus(201).body().path("id").asText();
            assertThat(portal(lead).document().selectFirst("#waiting-" + id + " .elevate-portal-stage").text())
                    .isEqualTo("Approval stage 1 of 2: team lead");
            as(lead).post("requests/" + id + "/approve", Map.of()).expectStatus(200);
            assertThat(portal(guard).document().selectFirst("#waiting-" + id + " .elevate-portal-stage").text())
                    .isEqualTo("Approval stage 2 of 2: security");
        }

        private long asks(String user) {
            return mailbox.to(user + "@elevate.test").stream()
                    .filter(m -> m.subject().contains("asks for elevated AWS access")).count();
        }

        @Test
        @DisplayName("then when one person may approve one stage only, stages that only the same person could meet "
                + "refuse the request (it could never finish)")
        void stagesNeedingTheSamePersonAreRefused() {
            Map<String, List<String>> config = PolicyAdmin.policy(operators, leads);
            config.remove("approverGroups");
            config.put("approvalStages", List.of("[{\"name\": \"first\", \"approverGroups\": [\"" + leads + "\"]},"
                    + " {\"name\": \"second\", \"approverGroups\": [\"" + leads + "\"]},"
                    + " {\"name\": \"third\", \"approverGroups\": [\"" + security + "\"]}]"));
            String stuck = policies.create("stuck " + operators, config);

            JsonNode refused = as(operator).post("requests", request(stuck, 60)).expectStatus(409).body();
            assertThat(refused.toString()).contains("different approvers");
            assertThat(as(operator).post("requests", request(policy, 60)).status()).isEqualTo(201);
        }

        @Test
        @DisplayName("then the requester never counts, in any stage")
        void requesterNeverCounts() {
            String id = as(lead).post("requests", request(policy, 60)).expectStatus(403).body().path("error").asText();
            assertThat(id).isEqualTo("forbidden");
            policies.addMember(elevations.userId(lead), operators);
            String mine = as(lead).post("requests", request(policy, 60)).expectStatus(409).body().toString();
            assertThat(mine).contains("stage 1 (team lead)");
        }
    }

    @Nested
    @DisplayName("given automatic-approval and deny rules")
    class Rules {

        private String approvers;
        private String approver;
        private String policy;

        @BeforeEach
        void rules() {
            approvers = policies.newGroup("approvers");
            approver = member("appr", approvers);
            Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
            config.put("breakGlassGroup", List.of(operators));
            config.put("denyRules", List.of("[{\"name\": \"no night shift\", \"expression\": "
                    + "\"request.ticket == 'NIGHT'\", \"description\": \"not at night\"}, {\"name\": \"long\","
                    + " \"expression\": \"request.duration > duration('100m')\"}]"));
            config.put("autoApproveRules", List.of("[{\"name\": \"short\", \"expression\": "
                    + "\"request.duration <= duration('30m') && '" + operators + "' in requester.groups\"}]"));
            policy = policies.create("rules " + operators, config);
        }

        @Test
        @DisplayName("then a request a rule approves is approved at once, recording the rule, and waits for review")
        void autoApproved() {
            JsonNode window = as(operator).post("requests", request(policy, 30)).expectStatus(201).body();
            assertThat(window.path("status").asText()).isEqualTo("APPROVED");
            assertThat(window.path("autoApprovedByRule").asText()).isEqualTo("short");
            assertThat(window.path("decidedBy").asText()).isEqualTo("rule short");
            assertThat(window.path("awaitingReview").asBoolean()).isTrue();
            String id = window.path("id").asText();
            assertThat(elevations.audit(id)).extracting(r -> r.path("action").asText()).contains("AUTO_APPROVED");
            assertThat(elevations.audit(id).get(0).path("detail").asText()).contains("rule=short");

            assertThat(ids(as(approver).get("requests/waiting").body())).as("to review").contains(id);
            assertThat(portal(operator).document().select("#elevate-portal-mine .elevate-portal-auto-rule-label"))
                    .as("the requester's portal names the rule").singleElement()
                    .satisfies(label -> assertThat(label.text()).isEqualTo("Approved by rule short"));
            Mailbox.Mail told = mailbox.await(approver + "@elevate.test", "approved by a policy rule");
            assertThat(told.text()).as("approvers are told which rule, and asked to review").contains("'short'")
                    .contains("asks you to review it");
            JsonNode reviewed = as(approver).post("requests/" + id + "/review", Map.of("comment", "fine"))
                    .expectStatus(200).body();
            assertThat(reviewed.path("awaitingReview").asBoolean()).isFalse();

            JsonNode manual = as(operator).post("requests", request(policy, 60)).expectStatus(201).body();
            assertThat(manual.path("status").asText()).isEqualTo("REQUESTED");
        }

        @Test
        @DisplayName("then with reviews of automatic approvals off, a window a rule approved waits for no one")
        void autoApprovedWithoutReview() {
            Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
            config.put("autoApproveRules", List.of("[{\"name\": \"any\", \"expression\": \"true\"}]"));
            config.put("autoApprovalReview", List.of("false"));
            String unreviewed = policies.create("unreviewed " + operators, config);
            JsonNode window = as(operator).post("requests", request(unreviewed, 30)).expectStatus(201).body();
            assertThat(window.path("autoApprovedByRule").asText()).isEqualTo("any");
            assertThat(window.path("awaitingReview").asBoolean()).isFalse();
            assertThat(ids(as(approver).get("requests/waiting").body())).doesNotContain(window.path("id").asText());
            assertThat(mailbox.await(approver + "@elevate.test", "approved by a policy rule").text())
                    .contains("'any'").contains("asks for no review");
        }

        @Test
        @DisplayName("then a request a deny rule holds for is refused naming the rule, for break-glass too, and "
                + "audited")
        void denied() {
            Map<String, Object> body = request(policy, 30);
            body.put("ticket", "NIGHT");
            JsonNode refused = as(operator).post("requests", body).expectStatus(403).body();
            assertThat(refused.path("error").asText()).isEqualTo("denied_by_rule");
            assertThat(refused.toString()).contains("no night shift").contains("not at night");
            assertThat(as(operator).post("break-glass", body).expectStatus(403).body().toString())
                    .contains("no night shift");
            assertThat(as(operator).get("requests/mine").expectStatus(200).body()).isEmpty();

            List<String> denials = new ArrayList<>();
            audit("DENIED", operator).forEach(r -> {
                if (r.path("detail").asText().contains(policy)) {
                    denials.add(r.path("actorName").asText() + " " + r.path("detail").asText());
                }
            });
            assertThat(denials).hasSize(2).allSatisfy(d -> assertThat(d).startsWith(operator)
                    .contains("rule=no night shift"));
        }

        @Test
        @DisplayName("then an extension the deny rules refuse, with the window's new total duration, is refused naming "
                + "the rule and audited")
        void extensionDenied() {
            String id = as(operator).post("requests", request(policy, 60)).expectStatus(201).body().path("id").asText();
            as(approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200);

            JsonNode refused = as(operator).post("requests/" + id + "/extend",
                    Map.of("minutes", 50, "justification", "more")).expectStatus(403).body();
            assertThat(refused.path("error").asText()).isEqualTo("denied_by_rule");
            assertThat(refused.toString()).contains("long");
            assertThat(as(operator).get("requests/" + id).expectStatus(200).body().hasNonNull("extensionMinutes"))
                    .isFalse();
            List<String> denials = new ArrayList<>();
            audit("DENIED", operator).forEach(r -> {
                if (r.path("detail").asText().contains(policy)) {
                    denials.add(r.path("detail").asText());
                }
            });
            assertThat(denials).singleElement().asString().contains("rule=long");
            as(operator).post("requests/" + id + "/extend", Map.of("minutes", 30, "justification", "more"))
                    .expectStatus(200);
        }

        @Test
        @DisplayName("then a requester's own explain names the rules without their expressions, and is refused to "
                + "someone not eligible as a request would be")
        void ownExplain() {
            JsonNode own = as(operator).post("requests/explain", request(policy, 20)).expectStatus(200).body();
            assertThat(own.path("denyRules").findValuesAsText("name")).containsExactly("no night shift", "long");
            assertThat(own.path("denyRules").get(0).path("holds").asBoolean(true)).isFalse();
            assertThat(own.path("autoApproveRules").get(0).path("holds").asBoolean()).isTrue();
            assertThat(own.toString()).doesNotContain("NIGHT").doesNotContain("not at night")
                    .doesNotContain("duration('");
            JsonNode refused = as(approver).post("requests/explain", request(policy, 20)).expectStatus(403).body();
            assertThat(refused.path("error").asText()).isEqualTo("forbidden");
            assertThat(refused.toString()).doesNotContain("no night shift").doesNotContain(approvers);
        }

        @Test
        @DisplayName("then explain answers which rule or stage applies for a user and request, creating nothing")
        void explain() {
            JsonNode auto = explain(operator, "&durationMinutes=20").expectStatus(200).body();
            assertThat(auto.path("outcome").asText()).isEqualTo("AUTO_APPROVED");
            assertThat(auto.path("rule").asText()).isEqualTo("short");
            assertThat(auto.path("autoApproveRules").get(0).path("holds").asBoolean()).isTrue();
            assertThat(auto.path("denyRules").get(0).path("holds").asBoolean()).isFalse();
            assertThat(auto.path("denyRules").get(0).path("expression").asText()).isEqualTo("request.ticket == 'NIGHT'");
            assertThat(auto.path("context").path("requester.username").asText()).isEqualTo(operator);

            JsonNode denied = explain(operator, "&durationMinutes=20&ticket=NIGHT").expectStatus(200).body();
            assertThat(denied.path("outcome").asText()).isEqualTo("DENIED");
            assertThat(denied.path("rule").asText()).isEqualTo("no night shift");

            JsonNode manual = explain(operator, "&durationMinutes=90").expectStatus(200).body();
            assertThat(manual.path("outcome").asText()).isEqualTo("MANUAL");
            assertThat(manual.path("stages").get(0).path("possibleApprovers").asInt()).isEqualTo(1);

            assertThat(explain(approver, "&durationMinutes=20").expectStatus(200).body().path("outcome").asText())
                    .isEqualTo("NOT_ELIGIBLE");
            JsonNode invalid = admin.get(DEMO_REALM + "/elevation/policies/" + policy + "/explain?user=" + operator
                    + "&durationMinutes=20").expectStatus(200).body();
            assertThat(invalid.path("outcome").asText()).isEqualTo("INVALID");
            assertThat(invalid.path("violations").toString()).contains("instanceId").contains("justification");
            assertThat(explain(operator, "&durationMinutes=abc").status()).isEqualTo(400);
            assertThat(admin.get(DEMO_REALM + "/elevation/policies/no-such-policy/explain?user=" + operator
                    + "&durationMinutes=20").status()).isEqualTo(404);

            JsonNode dryRun = as(operator).post("requests/explain", request(policy, 20)).expectStatus(200).body();
            assertThat(dryRun.path("outcome").asText()).isEqualTo("AUTO_APPROVED");
            assertThat(dryRun.path("rule").asText()).isEqualTo("short");
            assertThat(as(operator).get("requests/mine").expectStatus(200).body()).isEmpty();
        }

        private JsonResponse explain(String user, String query) {
            return admin.get(DEMO_REALM + "/elevation/policies/" + policy + "/explain?user="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&instanceId=i-0123456789abcdef0"
                    + "&justification=INC42" + query);
        }
    }

    @Test
    @DisplayName("given a weekly budget of hours, then requests still waiting, approved time still to come and the "
            + "window an extension lengthens all count against it, each once")
    void weeklyBudgetCountsPendingAndApprovedTimeAhead() {
        String approvers = policies.newGroup("approvers");
        String approver = member("appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("denyRules", List.of("[{\"name\": \"budget\", \"expression\": \"usage.hoursLast7Days"
                + " + usage.hoursAhead + usage.hoursPending + double(request.durationSeconds) / 3600.0 > 1.5\"}]"));
        String policy = policies.create("budget " + operators, config);

        String first = as(operator).post("requests", request(policy, 60)).expectStatus(201).body().path("id").asText();
        JsonNode refused = as(operator).post("requests", request(policy, 60)).expectStatus(403).body();
        assertThat(refused.toString()).as("the first request still waits").contains("budget");
        String second = as(operator).post("requests", request(policy, 30)).expectStatus(201).body().path("id")
                .asText();
        as(operator).post("requests/" + first + "/cancel", Map.of()).expectStatus(200);

        as(approver).post("requests/" + second + "/approve", Map.of()).expectStatus(200);
        assertThat(as(operator).post("requests", request(policy, 61)).expectStatus(403).body().toString())
                .as("the approved 30 minutes are still to come").contains("budget");
        assertThat(as(operator).post("requests/" + second + "/extend", Map.of("minutes", 60, "justification",
                "more")).status()).as("the window itself is counted once, as its new length of 90 minutes")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("given a weekly budget and an automatic approval, then requests sent at the same moment never "
            + "approve more than the budget: each reads the usage the ones before it left")
    void concurrentRequestsKeepTheBudget() throws Exception {
        String approvers = policies.newGroup("approvers");
        member("appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("denyRules", List.of("[{\"name\": \"budget\", \"expression\": \"usage.hoursLast7Days"
                + " + usage.hoursAhead + usage.hoursPending + double(request.durationSeconds) / 3600.0 > 1.0\"}]"));
        config.put("autoApproveRules", List.of("[{\"name\": \"any\", \"expression\": \"true\"}]"));
        String policy = policies.create("budget race " + operators, config);
        AdminApi client = as(operator);
        client.get("requests/mine").expectStatus(200);

        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> client.post("requests", request(policy, 30)).status());
        }
        List<Integer> answers = AtOnce.call(calls);
        assertThat(answers).as("approved, denied by the budget, or a lost race").allMatch(s -> s == 201 || s == 403
                || s == 409);
        assertThat(answers).as("the first to hold the requester's requests is within the budget").contains(201);
        JsonNode mine = client.get("requests/mine").expectStatus(200).body();
        assertThat(mine.size()).as("two of 30 minutes fill the hour: " + answers).isEqualTo(
                (int) answers.stream().filter(s -> s == 201).count()).isLessThanOrEqualTo(2);
        mine.forEach(w -> assertThat(w.path("autoApprovedByRule").asText()).isEqualTo("any"));
    }

    @Test
    @DisplayName("given a deny rule on the second factor, then a requester without one is denied and one with an OTP "
            + "credential configured is not")
    void secondFactor() {
        String approvers = policies.newGroup("approvers");
        member("appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("denyRules", List.of("[{\"name\": \"no second factor\", \"expression\": "
                + "\"!requester.hasSecondFactor\"}]"));
        String policy = policies.create("second factor " + operators, config);
        String withOtp = "otp-" + Long.toHexString(System.nanoTime());
        Map<String, Object> otp = Map.of("type", "otp", "userLabel", "phone",
                "secretData", "{\"value\":\"JBSWY3DPEHPK3PXP\"}",
                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                        + "\"algorithm\":\"HmacSHA1\"}");
        Map<String, Object> password = Map.of("type", "password", "value", Elevations.PASSWORD, "temporary", false);
        admin.post(DEMO_REALM + "/partialImport", Map.of("ifResourceExists", "FAIL", "users", List.of(Map.of(
                "username", withOtp, "enabled", true, "email", withOtp + "@elevate.test", "emailVerified", true,
                "firstName", "O", "lastName", "Tp", "groups", List.of(operators),
                "credentials", List.of(password, otp))))).expectStatus(200);

        JsonNode denied = as(operator).post("requests", request(policy, 30)).expectStatus(403).body();
        assertThat(denied.toString()).contains("no second factor");
        // explained by an admin: the realm's direct grant would ask this user for the OTP itself
        JsonNode allowed = admin.get(DEMO_REALM + "/elevation/policies/" + policy + "/explain?user=" + withOtp
                + "&instanceId=i-0123456789abcdef0&justification=INC42&durationMinutes=30").expectStatus(200).body();
        assertThat(allowed.path("context").path("requester.hasSecondFactor").asBoolean()).isTrue();
        assertThat(allowed.path("outcome").asText()).isEqualTo("MANUAL");
        assertThat(allowed.path("context").path("timeZone").asText()).as("the policy's, UTC unless set").isEqualTo("UTC");
    }

    @Test
    @DisplayName("given a rule that does not compile, then saving the policy is a 400 naming the rule")
    void badExpressionIsRefusedWhenSaved() {
        String approvers = policies.newGroup("approvers");
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("autoApproveRules", List.of("[{\"name\": \"typo\", \"expression\": \"request.duration <= 30\"}]"));
        JsonResponse refused = policies.tryCreate("bad rule " + operators, config);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("autoApproveRules").contains("rule 'typo'");
    }

    @Test
    @DisplayName("given a realm import whose policy has a rule that does not compile, then the import is a 400 naming "
            + "the rule and no realm is created; with a valid rule the policy and its rules arrive as written")
    void rulesAreCheckedOnRealmImport() {
        String realm = "import-rules-" + Long.toHexString(System.nanoTime());
        Map<String, List<String>> config = PolicyAdmin.policy("/ops", "/appr");
        config.put("denyRules", List.of("[{\"name\": \"typo\", \"expression\": \"request.duration <= 30\"}]"));
        JsonResponse refused = admin.post("", realmWith(realm, config));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("denyRules").contains("rule 'typo'");
        assertThat(admin.get(realm).status()).isEqualTo(404);

        String rule = "[{\"name\": \"short\", \"expression\": \"request.duration <= duration('30m')\"}]";
        config.put("denyRules", List.of(rule));
        admin.post("", realmWith(realm, config)).expectStatus(201);
        try {
            JsonNode imported = admin.get(realm + "/components?type=" + PolicyAdmin.PAGE_PROVIDER_TYPE)
                    .expectStatus(200).body();
            assertThat(imported.findValues("denyRules")).singleElement().asString().contains("short")
                    .contains("duration('30m')");
        } finally {
            admin.delete(realm).expectStatus(204);
        }
    }

    private static Map<String, Object> realmWith(String realm, Map<String, List<String>> policy) {
        Map<String, Object> component = Map.of("name", "imported", "providerId", "elevation-policies",
                "subComponents", Map.of(), "config", policy);
        return Map.of("realm", realm, "enabled", true,
                "groups", List.of(Map.of("name", "ops"), Map.of("name", "appr")),
                "clients", List.of(Map.of("clientId", "urn:amazon:webservices", "protocol", "saml")),
                "components", Map.of(PolicyAdmin.PAGE_PROVIDER_TYPE, List.of(component)));
    }

    @Test
    @DisplayName("given rules that fail to evaluate, then a deny rule denies and an automatic approval approves "
            + "nothing (fail closed), each error audited")
    void evaluationErrorsFailClosed() {
        String approvers = policies.newGroup("approvers");
        member("appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("autoApproveRules", List.of("[{\"name\": \"owner\", \"expression\": "
                + "\"instance.tags['Owner'] == 'me'\"}]"));
        String lenient = policies.create("erring auto " + operators, config);
        JsonNode pending = as(operator).post("requests", request(lenient, 20)).expectStatus(201).body();
        assertThat(pending.path("status").asText()).isEqualTo("REQUESTED");

        config.remove("autoApproveRules");
        config.put("denyRules", List.of("[{\"name\": \"owner only\", \"expression\": "
                + "\"instance.tags['Owner'] != requester.username\"}]"));
        String strict = policies.create("erring deny " + operators, config);
        JsonNode refused = as(operator).post("requests", request(strict, 20)).expectStatus(403).body();
        assertThat(refused.toString()).contains("owner only").contains("could not be evaluated");

        List<String> errors = new ArrayList<>();
        audit("RULE_ERROR", operator).forEach(r -> errors.add(r.path("detail").asText()));
        assertThat(errors).anySatisfy(d -> assertThat(d).contains(lenient).contains("rule=owner"))
                .anySatisfy(d -> assertThat(d).contains(strict).contains("rule=owner only"));
    }

    @Test
    @DisplayName("given the demo realm, then its imported two-stage policy with an automatic rule is offered")
    void demoRealmsStagedPolicy() {
        JsonNode offered = AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, "operator", "operator")
                .get("policies").expectStatus(200).body();
        List<JsonNode> staged = new ArrayList<>();
        offered.forEach(p -> {
            if (p.path("name").asText().startsWith("Web servers: two-stage approval")) {
                staged.add(p);
            }
        });
        assertThat(staged).hasSize(1);
        assertThat(staged.get(0).path("stages").findValuesAsText("name")).containsExactly("team lead", "security");
        assertThat(staged.get(0).path("autoApproveRules").findValuesAsText("name"))
                .containsExactly("short incident fix");
        assertThat(staged.get(0).path("denyRules").findValuesAsText("name")).containsExactly("20 hours a week");
    }

    /** The realm's audit rows of one action by one actor, read as the demo realm's auditor. */
    private JsonNode audit(String action, String actor) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, "auditor", "auditor")
                .get("audit?action=" + action + "&actor=" + actor + "&max=500").expectStatus(200).body();
    }

    private static List<String> ids(JsonNode requests) {
        List<String> ids = new ArrayList<>();
        requests.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static Map<String, Object> request(String policy, int minutes) {
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

    /** The portal's page as {@code username} sees it after signing in. */
    private Page portal(String username) {
        Browser browser = new Browser();
        Page page = browser.open(server.realmUrl(DEMO_REALM) + "/elevation/portal")
                .submit("#kc-form-login", Map.of("username", username, "password", Elevations.PASSWORD));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page;
    }

    private AdminApi as(String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }
}
