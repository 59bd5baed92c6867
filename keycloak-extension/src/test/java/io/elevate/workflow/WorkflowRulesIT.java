package io.elevate.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.AtOnce;
import io.elevate.testing.Elevations;
import io.elevate.testing.Mailbox;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules of the transition core that a hostile insider tried: quorums under races, extensions, subgroups, limits. */
@ExtendWith(KeycloakServer.class)
@DisplayName("The workflow's rules")
class WorkflowRulesIT {

    private static Mailbox mailbox;

    private KeycloakServer server;
    private Elevations elevations;
    private PolicyAdmin policies;
    private String operators;
    private String approvers;
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
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        this.operators = policies.newGroup("operators");
        this.approvers = policies.newGroup("approvers");
        this.operator = member("op", operators);
    }

    @Test
    void twoApproversApprovingAtTheSameMomentMeetAQuorumOfTwoExactlyOnce() throws Exception {
        String first = member("appr", approvers);
        String second = member("appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("approvalsRequired", List.of("2"));
        config.put("maxPendingRequests", List.of("100"));
        String policy = policies.create("quorum race " + operators, config);

        for (int run = 0; run < 15; run++) {
            String id = as(operator).post("requests", request(policy)).expectStatus(201).body().path("id").asText();

            List<Integer> answers = together(List.of(first, second),
                    user -> as(user).post("requests/" + id + "/approve", Map.of("comment", "ok")).status());

            assertThat(answers).as("run " + run).containsExactly(200, 200);
            JsonNode request = as(operator).get("requests/" + id).expectStatus(200).body();
            assertThat(request.path("status").asText()).as("run " + run).isEqualTo("APPROVED");
            assertThat(actions(id)).as("run " + run).filteredOn(a -> !a.startsWith("REVOCATION_"))
                    .containsExactly("REQUESTED", "APPROVAL_ADDED", "APPROVED");
            assertThat(as(first).get("requests/waiting").body()).extracting(r -> r.path("id").asText())
                    .doesNotContain(id);
        }
    }

    @Test
    void aQuorumOfTenApproversWithLongNamesIsApprovedAndNamesThemAll() {
        List<String> deciders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deciders.add(member("approver-with-a-rather-long-name-" + i, approvers));
        }
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("approvalsRequired", List.of("10"));
        String policy = policies.create("ten approvers " + operators, config);
        String id = as(operator).post("requests", request(policy)).expectStatus(201).body().path("id").asText();

        JsonNode last = null;
        for (String decider : deciders) {
            last = as(decider).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body();
        }

        assertThat(last.path("status").asText()).isEqualTo("APPROVED");
        assertThat(elevations.window(id).expectStatus(200).body().path("approvedBy").asText().split(","))
                .containsExactlyInAnyOrderElementsOf(deciders);
    }

    @Test
    void extendingABreakGlassWindowNeedsThePolicysQuorum() {
        String first = member("appr", approvers);
        String second = member("appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("approvalsRequired", List.of("2"));
        config.put("breakGlassGroup", List.of(operators));
        String policy = policies.create("glass quorum " + operators, config);
        String id = as(operator).post("break-glass", request(policy)).expectStatus(201).body().path("id").asText();

        JsonNode asked = as(operator).post("requests/" + id + "/extend",
                Map.of("minutes", 15, "justification", "still on it")).expectStatus(200).body();
        assertThat(asked.path("approvalsRequired").asInt()).isEqualTo(2);
        String endsAt = asked.path("endsAt").asText();

        JsonNode once = as(first).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body();
        assertThat(once.path("endsAt").asText()).as("one approval does not extend").isEqualTo(endsAt);
        assertThat(once.path("extensionMinutes").asInt()).isEqualTo(15);

        JsonNode twice = as(second).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body();
        assertThat(twice.path("endsAt").asText()).isNotEqualTo(endsAt);
        assertThat(twice.hasNonNull("extensionMinutes")).isFalse();
        assertThat(actions(id)).filteredOn(a -> a.startsWith("EXTEN") || a.startsWith("APPROVAL"))
                .containsExactly("EXTENSION_REQUESTED", "APPROVAL_ADDED", "EXTENDED");
    }

    @Test
    void membersOfSubgroupsOfAnApproverGroupCountForTheQuorumAreToldAndMayDecide() {
        String team = policies.newSubGroup(approvers, "team");
        String deeper = policies.newSubGroup(team, "oncall");
        String first = member("sub-appr", team);
        String second = member("deep-appr", deeper);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("approvalsRequired", List.of("2"));
        String policy = policies.create("subgroups " + operators, config);

        String id = as(operator).post("requests", request(policy)).expectStatus(201).body().path("id").asText();

        mailbox.await(first + "@elevate.test", "asks for elevated AWS access");
        mailbox.await(second + "@elevate.test", "asks for elevated AWS access");
        assertThat(as(second).get("requests/waiting").body()).extracting(r -> r.path("id").asText()).contains(id);
        as(first).post("requests/" + id + "/approve", Map.of()).expectStatus(200);
        assertThat(as(second).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body()
                .path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void pendingRequestsBeyondThePolicysLimitAreRefusedWith429AndAudited() throws Exception {
        member("appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("maxPendingRequests", List.of("3"));
        String policy = policies.create("limited " + operators, config);

        // a burst: the limit holds whatever the concurrency (one signed-in client, six calls at once)
        AdminApi client = as(operator);
        List<Integer> burst = together(List.of(operator, operator, operator, operator, operator, operator),
                user -> client.post("requests", request(policy)).status());

        assertThat(burst).filteredOn(s -> s == 201).hasSize(3);
        assertThat(burst).filteredOn(s -> s != 201).containsOnly(429);
        JsonResponse refused = as(operator).post("requests", request(policy));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("error").asText()).isEqualTo("too_many_requests");
        assertThat(refused.header("Retry-After").map(Long::parseLong).orElseThrow()).isPositive();
        String auditor = elevations.newUser("auditor");
        policies.grantRealmRole(elevations.userId(auditor), "elevation-auditor");
        JsonNode trail = as(auditor).get("audit?action=REQUEST_LIMITED&actor=" + operator).expectStatus(200).body();
        assertThat(trail).hasSize(4).allSatisfy(r -> assertThat(r.path("detail").asText()).contains(policy));

        String mine = as(operator).get("requests/mine").body().get(0).path("id").asText();
        as(operator).post("requests/" + mine + "/cancel", Map.of("reason", "not needed")).expectStatus(200);
        as(operator).post("requests", request(policy)).expectStatus(201);
    }

    @Test
    void breakGlassBeyondThePolicysDailyLimitIsRefusedWith429() {
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        member("appr", approvers);
        config.put("breakGlassGroup", List.of(operators));
        config.put("maxBreakGlassPerDay", List.of("1"));
        String policy = policies.create("glass limit " + operators, config);

        as(operator).post("break-glass", request(policy)).expectStatus(201);
        JsonResponse second = as(operator).post("break-glass", request(policy));

        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(86_000L, 86_400L);
    }

    private List<String> actions(String id) {
        List<String> actions = new ArrayList<>();
        elevations.audit(id).forEach(r -> actions.add(r.path("action").asText()));
        return actions;
    }

    private static Map<String, Object> request(String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the web tier is down");
        body.put("durationMinutes", 30);
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

    /** Calls {@code call} for every user at the same moment; the answers in the users' order. */
    private static List<Integer> together(List<String> users, java.util.function.Function<String, Integer> call)
            throws Exception {
        return AtOnce.call(users.stream().<Callable<Integer>>map(u -> () -> call.apply(u)).toList());
    }
}
