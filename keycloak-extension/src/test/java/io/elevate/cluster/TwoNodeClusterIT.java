package io.elevate.cluster;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.Await;
import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakCluster;
import io.elevate.testing.server.KeycloakCluster.Node;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Keycloak nodes on loopback sharing one PostgreSQL, clustered the way Keycloak is by default (Infinispan,
 * {@code jdbc-ping} discovery through that database). Elevate keeps no node-local cache of windows: the gate and the
 * SAML mapper read the shared database at every sign-in, so a decision taken on one node counts on the other at once,
 * with nothing to invalidate through the {@code ClusterProvider}. Killing a node loses nothing it answered.
 *
 * <p>Runs servers of its own ({@link KeycloakCluster}), whatever {@code -Delevate.test.database} says.
 */
@Tag(KeycloakCluster.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("A two-node cluster")
class TwoNodeClusterIT {

    private static final String TAG = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    private static final int FLOWS = 12;

    private static KeycloakCluster cluster;
    private static Node a;
    private static Node b;
    private static String policy;
    private static String operators;
    private static String approvers;
    private static String approver;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(KeycloakCluster.postgresInstalled(), "needs Debian's PostgreSQL binaries"
                + " (/usr/lib/postgresql/<version>/bin; sudo apt-get install postgresql) for the nodes' shared database");
        cluster = KeycloakCluster.start("cluster-it", 2);
        a = cluster.node("a");
        b = cluster.node("b");
        PolicyAdmin policies = new PolicyAdmin(a.admin());
        operators = policies.newGroup("operators");
        approvers = policies.newGroup("approvers");
        approver = member(a, "appr", approvers);
        policy = policies.create("cluster " + operators, PolicyAdmin.policy(operators, approvers));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(0)
    void theSecondNodeJoinsTheFirstOnesClusterView() throws Exception {
        KeycloakCluster.View view = cluster.lastView(b).orElseThrow();

        assertThat(view.members()).as(view.line()).isEqualTo(2);
        assertThat(cluster.lastView(a).orElseThrow().members()).isEqualTo(2);
    }

    @Test
    @Order(1)
    void aWindowApprovedThroughNodeAIsHonouredAtSignInOnNodeBAtOnce() {
        String operator = member(a, "op", operators);
        String id = as(a, operator).post("requests", request()).expectStatus(201).body().path("id").asText();
        as(a, approver).post("requests/" + id + "/approve", Map.of("comment", "go")).expectStatus(200);

        SamlPost post = expectSamlPost(new AwsSignIn(b.baseUrl()).signIn(operator, Elevations.PASSWORD));

        assertThat(SamlAttributes.of(post.response()))
                .containsEntry(TAG + "ElevationId", List.of(id))
                .containsEntry(TAG + "AppGroupName", List.of("webserver"))
                .containsEntry(TAG + "AppId", List.of("ABC"))
                .containsEntry(TAG + "ReleaseId", List.of("1.0"));
    }

    @Test
    @Order(2)
    void aRevokeThroughNodeBDeniesTheNextSignInOnNodeAAtOnceEvenInAnOpenSsoSession() {
        String operator = member(a, "op", operators);
        String id = as(a, operator).post("requests", request()).expectStatus(201).body().path("id").asText();
        as(b, approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200);
        AwsSignIn onA = new AwsSignIn(a.baseUrl());
        expectSamlPost(onA.signIn(operator, Elevations.PASSWORD));

        as(b, approver).post("requests/" + id + "/revoke", Map.of("reason", "incident over")).expectStatus(200);

        expectDenied(onA.again(), operator);
        expectDenied(new AwsSignIn(a.baseUrl()).signIn(operator, Elevations.PASSWORD), operator);
    }

    @Test
    @Order(3)
    void killingNodeAWhileRequestsAndApprovalsFlowLosesNoneThatWasAnswered() throws Exception {
        String operator = member(a, "op", operators);
        Map<Node, AdminApi> operatorAt = Map.of(a, as(a, operator), b, as(b, operator));
        Map<Node, AdminApi> approverAt = Map.of(a, as(a, approver), b, as(b, approver));
        operatorAt.values().forEach(AdminApi::accessToken);
        approverAt.values().forEach(AdminApi::accessToken);
        Map<String, Integer> requested = new ConcurrentHashMap<>();
        Map<String, Integer> approved = new ConcurrentHashMap<>();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger finishedBeforeKill = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> flows = new ArrayList<>();
        try {
            for (int i = 0; i < FLOWS; i++) {
                Node asker = i % 2 == 0 ? a : b;
                Node decider = asker == a ? b : a;
                flows.add(pool.submit(() -> {
                    JsonResponse asked = call(operatorAt, asker, api -> api.post("requests", request()));
                    if (asked.status() == 201) {
                        String id = asked.body().path("id").asText();
                        requested.put(id, 201);
                        JsonResponse decision = call(approverAt, decider,
                                api -> api.post("requests/" + id + "/approve", Map.of("comment", "flow")));
                        approved.put(id, decision.status());
                    }
                    finished.incrementAndGet();
                    return null;
                }));
            }
            Await.until("a third of the flows finished", Duration.ofSeconds(120),
                    () -> Optional.of(finished.get()).filter(done -> done >= FLOWS / 3), () -> finished + " finished");
            finishedBeforeKill.set(finished.get());
            a.keycloak().kill();
            for (Future<?> flow : flows) {
                flow.get();
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.printf("%d flows, %d finished before node A was killed; %d requests answered 201, approvals: %s%n",
                FLOWS, finishedBeforeKill.get(), requested.size(), approved.values());
        assertThat(finishedBeforeKill.get()).as("node A died with flows still running").isLessThan(FLOWS);
        assertThat(a.keycloak().isRunning()).isFalse();
        assertThat(cluster.awaitView(b, 1).members()).isEqualTo(1);
        assertThat(requested).as("requests answered 201").hasSizeGreaterThanOrEqualTo(FLOWS / 3);
        AdminApi operatorOnB = operatorAt.get(b);
        for (String id : requested.keySet()) {
            JsonNode stored = operatorOnB.get("requests/" + id).expectStatus(200).body();
            boolean approvedOk = approved.getOrDefault(id, 0) == 200;
            assertThat(stored.path("status").asText()).as("request %s, approve answered %s", id, approved.get(id))
                    .isIn(approvedOk ? List.of("APPROVED") : List.of("REQUESTED", "APPROVED"));
        }
        assertNothingHalfApplied(cluster, operator);
    }

    /**
     * Each window of the operator is whole in the database: one REQUESTED audit row; if APPROVED, one approval and one
     * APPROVED audit row; if still REQUESTED, neither (a quorum of one makes an approval row an approval).
     */
    private static void assertNothingHalfApplied(KeycloakCluster cluster, String operator) throws SQLException {
        String userId = new Elevations(b.admin()).userId(operator);
        try (Connection db = cluster.connect(); PreparedStatement query = db.prepareStatement(
                "select w.ID, w.STATUS,"
                        + " (select count(*) from ELEVATE_AUDIT x where x.WINDOW_ID = w.ID and x.ACTION = 'REQUESTED'),"
                        + " (select count(*) from ELEVATE_AUDIT x where x.WINDOW_ID = w.ID and x.ACTION = 'APPROVED'),"
                        + " (select count(*) from ELEVATE_APPROVAL p where p.WINDOW_ID = w.ID)"
                        + " from ELEVATE_WINDOW w where w.USER_ID = ?")) {
            query.setString(1, userId);
            Map<String, String> windows = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String shape = rows.getString(2) + " requested-audit=" + rows.getInt(3) + " approved-audit="
                            + rows.getInt(4) + " approvals=" + rows.getInt(5);
                    windows.put(rows.getString(1), shape);
                }
            }
            assertThat(windows).isNotEmpty();
            assertThat(windows.values()).as("every window of %s, whole", operator).allMatch(shape ->
                    shape.equals("APPROVED requested-audit=1 approved-audit=1 approvals=1")
                            || shape.equals("REQUESTED requested-audit=1 approved-audit=0 approvals=0"));
        }
    }

    /**
     * Calls {@code node}; once node A is gone (connection refused or cut), calls B instead, as a load balancer
     * would. A retried approval may find the first one committed: that answers 409, and the final state is checked.
     */
    private static JsonResponse call(Map<Node, AdminApi> apis, Node node,
                                     java.util.function.Function<AdminApi, JsonResponse> request) {
        if (node == a && a.keycloak().isRunning()) {
            try {
                return request.apply(apis.get(a));
            } catch (UncheckedIOException | IllegalStateException nodeGone) {
                // falls through to node B
            }
        }
        return request.apply(apis.get(b));
    }

    private static Map<String, Object> request() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the web tier is down");
        body.put("durationMinutes", 60);
        return body;
    }

    private static String member(Node node, String prefix, String group) {
        Elevations elevations = new Elevations(node.admin());
        String username = elevations.newUser(prefix);
        new PolicyAdmin(node.admin()).addMember(elevations.userId(username), group);
        return username;
    }

    private static AdminApi as(Node node, String username) {
        return AdminApi.elevationApiAs(node.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }

    private static SamlPost expectSamlPost(Page page) {
        return AwsSignIn.samlPost(page).orElseThrow(() -> new AssertionError(
                "Expected the SAML POST to AWS, got " + page.status() + " " + page.url() + ": " + page.text()));
    }

    private static void expectDenied(Page page, String operator) {
        assertThat(AwsSignIn.samlPost(page)).as("no SAML Response reaches AWS").isEmpty();
        assertThat(page.body()).doesNotContain("SAMLResponse").doesNotContain("PrincipalTag");
        assertThat(page.status()).isEqualTo(403);
        JsonNode events = new Elevations(a.admin()).loginErrors(new Elevations(a.admin()).userId(operator));
        assertThat(events.get(0).path("details").path("elevate_reason").asText()).isEqualTo("no_open_window");
    }
}
