package io.elevate.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;
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

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/** A policy's approval stages, automatic approval and deny rules, and its explanations, against a real Keycloak. */
@ExtendWith(KeycloakServer.class)
@DisplayName("A policy with stages and rules")
class PolicyStagesAndRulesIT {

    private KeycloakServer server;
    private AdminApi admin;
    private Elevations elevations;
    private PolicyAdmin policies;
    private String operators;
    private String operator;

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
            JsonNode reviewed = as(approver).post("requests/" + id + "/review", Map.of("comment", "fine"))
                    .expectStatus(200).body();
            assertThat(reviewed.path("awaitingReview").asBoolean()).isFalse();

            JsonNode manual = as(operator).post("requests", request(policy, 60)).expectStatus(201).body();
            assertThat(manual.path("status").asText()).isEqualTo("REQUESTED");
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

    private AdminApi as(String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }
}
