package io.elevate.notify;

import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.MetricsScrape;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.chat.SlackStandIn;
import io.elevate.testing.chat.TeamsStandIn;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notice outbox on the real Keycloak: a webhook receiver in this JVM that fails (HTTP 503) until the test lets it
 * recover, and likewise Slack (the server's Slack stand-in answering {@code internal_error}) and a Teams workflow
 * stand-in (HTTP 503); the notices' rows as the admin API shows them; a Keycloak restart with notices waiting.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The notice outbox")
class NoticeOutboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer receiver;
    /** What the receiver answers: 503 while the test keeps it failing. */
    private static final AtomicInteger status = new AtomicInteger(204);
    private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private static JsonNode original;
    private static TeamsStandIn teams;
    private static final String CHANNEL = "C0OUTBOX01";

    /** One delivery as the receiver saw it and answered it. */
    record Delivery(String elevationId, String kind, int status) {
    }

    @BeforeAll
    static void configure(KeycloakServer server, AdminApi admin) throws IOException {
        teams = TeamsStandIn.start();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/outbox", exchange -> {
            try (exchange) {
                int answer = status.get();
                JsonNode payload = payload(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
                deliveries.add(new Delivery(payload.path("elevationId").asText(), payload.path("kind").asText(),
                        answer));
                exchange.sendResponseHeaders(answer, -1);
            }
        });
        receiver.start();
        original = component(admin);
        ObjectNode changed = original.deepCopy();
        ObjectNode config = (ObjectNode) changed.path("config");
        config.set(NotificationSettings.WEBHOOK_URL, JSON.valueToTree(
                List.of("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/outbox")));
        config.set(ChatSettings.SLACK_BOT_TOKEN, JSON.valueToTree(List.of(server.slack().token())));
        config.set(ChatSettings.SLACK_SIGNING_SECRET, JSON.valueToTree(List.of("0123456789abcdef0123456789abcdef")));
        config.set(ChatSettings.SLACK_CHANNEL, JSON.valueToTree(List.of(CHANNEL)));
        config.set(ChatSettings.TEAMS_WEBHOOK_URL, JSON.valueToTree(List.of(teams.url())));
        admin.put(DEMO_REALM + "/components/" + original.path("id").asText(), changed).expectStatus(204);
    }

    @AfterAll
    static void restore(AdminApi admin) {
        if (original != null) {
            ObjectNode reset = original.deepCopy();
            ObjectNode config = (ObjectNode) reset.path("config");
            for (String field : List.of(NotificationSettings.WEBHOOK_URL, ChatSettings.SLACK_BOT_TOKEN,
                    ChatSettings.SLACK_SIGNING_SECRET, ChatSettings.SLACK_CHANNEL, ChatSettings.TEAMS_WEBHOOK_URL)) {
                config.set(field, JSON.valueToTree(List.of()));
            }
            admin.put(DEMO_REALM + "/components/" + original.path("id").asText(), reset).expectStatus(204);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (teams != null) {
            teams.close();
        }
    }

    @Test
    @DisplayName("given the webhook, Slack and Teams failing across a Keycloak restart, then each notice is delivered"
            + " once its receiver recovers, exactly once, and the rows show the failures")
    void survivesARestartAndIsDeliveredExactlyOnce(KeycloakServer server, AdminApi admin) {
        status.set(503);
        teams.down(503);
        server.slack().fail("chat.postMessage", "internal_error", 100_000);
        try {
            survivesARestart(server, admin);
        } finally {
            server.slack().clearFaults();
            teams.up();
        }
    }

    private void survivesARestart(KeycloakServer server, AdminApi admin) {
        String id = request(server, admin);
        JsonNode failed = await(server, "the webhook row FAILED", () -> row(admin, id, "WEBHOOK")
                .filter(r -> r.path("state").asText().equals("FAILED")));
        assertThat(failed.path("attempts").asInt()).isPositive();
        assertThat(failed.path("lastError").asText()).isEqualTo("HTTP 503");
        assertThat(failed.path("kind").asText()).isEqualTo("REQUESTED");
        assertThat(failed.path("receiver").asText()).startsWith("http://127.0.0.1:").doesNotContain("/hooks");
        assertThat(Instant.parse(failed.path("nextAttemptAt").asText()))
                .isAfter(Instant.parse(failed.path("createdAt").asText()));
        // the database gauges are at most 15 s old: wait for a snapshot taken after the row was written
        assertThat(Await.until("the undelivered notice counted in elevate_notice_outbox_depth", Duration.ofSeconds(40),
                () -> Optional.of(MetricsScrape.of(server.managementUrl()).sum("elevate_notice_outbox_depth"))
                        .filter(depth -> depth > 0), () -> "a depth of 0"))
                .as("the undelivered notice is counted").isPositive();

        await(server, "the Slack and Teams rows FAILED", () -> row(admin, id, "SLACK")
                .filter(r -> r.path("state").asText().equals("FAILED"))
                .flatMap(slack -> row(admin, id, "TEAMS").filter(r -> r.path("state").asText().equals("FAILED"))));

        server.restart();
        status.set(204);
        server.slack().clearFaults();
        teams.up();

        JsonNode sent = await(server, "the webhook row SENT after the restart", () -> row(admin, id, "WEBHOOK")
                .filter(r -> r.path("state").asText().equals("SENT")));
        assertThat(sent.path("attempts").asInt()).isPositive();
        assertThat(sent.path("sentAt").asText()).isNotBlank();
        awaitTimerRuns(server, 3); // three more timer runs: none may deliver it again
        assertThat(deliveries).filteredOn(d -> d.elevationId().equals(id) && d.status() == 204)
                .singleElement().extracting(Delivery::kind).isEqualTo("REQUESTED");
        assertThat(deliveries).filteredOn(d -> d.elevationId().equals(id) && d.status() == 503).isNotEmpty();

        for (String channel : List.of("SLACK", "TEAMS")) {
            // its backoff may have grown while the server was down: up to the doubling after the last failure
            JsonNode chat = Await.until("the " + channel + " row SENT after the restart", Duration.ofSeconds(150),
                    () -> row(admin, id, channel).filter(r -> r.path("state").asText().equals("SENT")),
                    () -> "rows " + row(admin, id, channel));
            assertThat(chat.path("attempts").asInt()).as(channel).isPositive();
        }
        List<SlackStandIn.Call> posts = server.slack().calls("chat.postMessage").stream()
                .filter(c -> c.param("blocks") != null && c.param("blocks").contains(id)).toList();
        assertThat(posts).filteredOn(c -> c.error() == null).as("posted to Slack once").hasSize(1);
        assertThat(posts).filteredOn(c -> "internal_error".equals(c.error())).isNotEmpty();
        List<TeamsStandIn.Call> cards = teams.calls().stream().filter(c -> c.body() != null
                && c.body().toString().contains("/requests/" + id)).toList();
        assertThat(cards).filteredOn(TeamsStandIn.Call::delivered).as("accepted by Teams once").hasSize(1);
        assertThat(cards).filteredOn(c -> c.status() == 503).isNotEmpty();
    }

    @Test
    @DisplayName("given a receiver that answers, then the notice goes out at once and its row is SENT with no failure")
    void deliversAtOnce(KeycloakServer server, AdminApi admin) {
        status.set(204);
        String id = request(server, admin);

        JsonNode sent = await(server, "the webhook row SENT", () -> row(admin, id, "WEBHOOK")
                .filter(r -> r.path("state").asText().equals("SENT")));
        assertThat(sent.path("attempts").asInt()).isZero();
        assertThat(sent.hasNonNull("lastError")).isFalse();
        assertThat(deliveries).filteredOn(d -> d.elevationId().equals(id)).singleElement()
                .extracting(Delivery::status).isEqualTo(204);
    }

    private static String request(KeycloakServer server, AdminApi admin) {
        Elevations elevations = new Elevations(admin);
        PolicyAdmin policies = new PolicyAdmin(admin);
        String operators = policies.newGroup("outbox-operators");
        String approvers = policies.newGroup("outbox-approvers");
        String operator = elevations.newUser("outbox-op");
        policies.addMember(elevations.userId(operator), operators);
        String approver = elevations.newUser("outbox-appr");
        policies.addMember(elevations.userId(approver), approvers);
        String policy = policies.create("outbox " + operators, PolicyAdmin.policy(operators, approvers));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("policy", policy);
        request.put("instanceId", "i-0123456789abcdef0");
        request.put("justification", "INC7: the outbox drill");
        request.put("durationMinutes", 30);
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD)
                .post("requests", request).expectStatus(201).body().path("id").asText();
    }

    private static Optional<JsonNode> row(AdminApi admin, String windowId, String channel) {
        JsonNode list = admin.get(DEMO_REALM + "/elevation/notices?max=500").expectStatus(200).body();
        for (JsonNode row : list.path("notices")) {
            if (row.path("windowId").asText().equals(windowId) && row.path("channel").asText().equals(channel)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static JsonNode payload(String body) {
        try {
            return JSON.readTree(JWSObject.parse(body).getPayload().toString());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode component(AdminApi admin) {
        JsonNode all = admin.get(DEMO_REALM + "/components?type=" + PolicyAdmin.PAGE_PROVIDER_TYPE).expectStatus(200)
                .body();
        for (JsonNode component : all) {
            if ("elevate-notifications".equals(component.path("providerId").asText())) {
                return component;
            }
        }
        throw new AssertionError("the demo realm has no Elevate notifications component: " + all);
    }

    /** Waits until the server has finished {@code more} timer runs after this moment's (which may be under way). */
    private static void awaitTimerRuns(KeycloakServer server, int more) {
        double target = timerRuns(server) + more + 1;
        await(server, more + " more timer runs", () -> timerRuns(server) >= target ? Optional.of(true)
                : Optional.empty());
    }

    private static double timerRuns(KeycloakServer server) {
        return MetricsScrape.of(server.managementUrl()).sum("elevate_timer_runs_total");
    }

    private static <T> T await(KeycloakServer server, String what, Supplier<Optional<T>> probe) {
        return Await.until(what, Duration.ofSeconds(60), probe, () -> "the webhook got " + deliveries);
    }
}
