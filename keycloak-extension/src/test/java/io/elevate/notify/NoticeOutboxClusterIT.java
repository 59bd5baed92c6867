package io.elevate.notify;

import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.MetricsScrape;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakCluster;
import io.elevate.testing.server.KeycloakCluster.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The notice outbox on two nodes sharing one database: notices written on both nodes to a webhook that fails, then
 * recovers; each node delivers right after its commits and the cluster's timer retries, and every notice still reaches
 * the receiver exactly once.
 */
@Tag(KeycloakCluster.TAG)
@DisplayName("The notice outbox on a two-node cluster")
class NoticeOutboxClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 6;

    private static KeycloakCluster cluster;
    private static HttpServer receiver;
    private static final AtomicInteger status = new AtomicInteger(503);
    /** Each delivery: the request's id and what the receiver answered. */
    private static final List<String[]> deliveries = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(KeycloakCluster.postgresInstalled(), "needs Debian's PostgreSQL binaries for the nodes' database");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/cluster", exchange -> {
            try (exchange) {
                int answer = status.get();
                String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
                String id;
                try {
                    id = JSON.readTree(JWSObject.parse(body).getPayload().toString()).path("elevationId").asText();
                } catch (Exception e) {
                    id = "?";
                }
                deliveries.add(new String[] {id, String.valueOf(answer)});
                exchange.sendResponseHeaders(answer, -1);
            }
        });
        receiver.start();
        cluster = KeycloakCluster.start("notice-cluster-it", 2,
                Map.of("spi-elevate-timers--default--notice-retry-seconds", "1"), Map.of());
        AdminApi admin = cluster.node("a").admin();
        JsonNode component = null;
        for (JsonNode c : admin.get(DEMO_REALM + "/components?type=" + PolicyAdmin.PAGE_PROVIDER_TYPE)
                .expectStatus(200).body()) {
            if ("elevate-notifications".equals(c.path("providerId").asText())) {
                component = c;
            }
        }
        assertThat(component).as("the demo realm's notification settings").isNotNull();
        ObjectNode changed = component.deepCopy();
        ((ObjectNode) changed.path("config")).set(NotificationSettings.WEBHOOK_URL, JSON.valueToTree(
                List.of("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/cluster")));
        admin.put(DEMO_REALM + "/components/" + component.path("id").asText(), changed).expectStatus(204);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @DisplayName("given requests on both nodes while the webhook fails, then once it recovers each notice is delivered"
            + " exactly once")
    void eachNoticeOnceWhicheverNodeSendsIt() {
        Node a = cluster.node("a");
        Node b = cluster.node("b");
        PolicyAdmin policies = new PolicyAdmin(a.admin());
        Elevations elevations = new Elevations(a.admin());
        String operators = policies.newGroup("cluster-outbox-ops");
        String approvers = policies.newGroup("cluster-outbox-appr");
        policies.addMember(elevations.userId(elevations.newUser("cluster-outbox-appr")), approvers);
        String policy = policies.create("cluster outbox " + operators, PolicyAdmin.policy(operators, approvers));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Node node = i % 2 == 0 ? a : b;
            String operator = elevations.newUser("cluster-outbox-op");
            policies.addMember(elevations.userId(operator), operators);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("policy", policy);
            request.put("instanceId", "i-0123456789abcdef0");
            request.put("justification", "INC9: the cluster outbox drill");
            request.put("durationMinutes", 30);
            ids.add(AdminApi.elevationApiAs(node.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD)
                    .post("requests", request).expectStatus(201).body().path("id").asText());
        }
        Await.until("every webhook row FAILED at least once", Duration.ofSeconds(60),
                () -> {
                    List<JsonNode> rows = webhookRows(a, ids);
                    return rows.size() == REQUESTS && rows.stream().allMatch(r -> r.path("attempts").asInt() > 0)
                            ? Optional.of(true) : Optional.empty();
                }, () -> "rows " + webhookRows(a, ids));

        status.set(204);

        Await.until("every webhook row SENT", Duration.ofSeconds(120),
                () -> {
                    List<JsonNode> rows = webhookRows(a, ids);
                    return rows.size() == REQUESTS && rows.stream().allMatch(r -> r.path("state").asText()
                            .equals("SENT")) ? Optional.of(true) : Optional.empty();
                },
                () -> "rows " + webhookRows(a, ids));
        double runs = timerRuns(a) + timerRuns(b);
        Await.until("three more timer runs in the cluster", Duration.ofSeconds(60),
                () -> timerRuns(a) + timerRuns(b) >= runs + 3 ? Optional.of(true) : Optional.empty(),
                () -> "runs " + (timerRuns(a) + timerRuns(b)));
        for (String id : ids) {
            assertThat(deliveries).filteredOn(d -> d[0].equals(id) && d[1].equals("204"))
                    .as("the notice of " + id + " accepted once").hasSize(1);
            assertThat(deliveries).filteredOn(d -> d[0].equals(id) && d[1].equals("503")).isNotEmpty();
        }
    }

    private static List<JsonNode> webhookRows(Node node, List<String> ids) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : node.admin().get(DEMO_REALM + "/elevation/notices?max=500").expectStatus(200).body()
                .path("notices")) {
            if (ids.contains(row.path("windowId").asText()) && row.path("channel").asText().equals("WEBHOOK")) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static double timerRuns(Node node) {
        return MetricsScrape.of(node.keycloak().managementUrl()).sum("elevate_timer_runs_total");
    }
}
