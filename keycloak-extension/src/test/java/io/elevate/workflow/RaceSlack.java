package io.elevate.workflow;

import io.elevate.chat.SlackInteractions;
import io.elevate.notify.ChatSettings;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.TestHttp;
import io.elevate.testing.chat.SlackStandIn;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Slack for the race test: the demo realm gets the token of the server's Slack stand-in and a signing secret (and no
 * channel, so nothing is posted), each user a Slack user id in the attribute Elevate maps Slack users by (and a Slack
 * account in the stand-in, which Elevate asks about before every decision), and {@link #approve} presses Approve as
 * Slack would send it, signed, timestamped with the server's clock ({@link #clockAhead}). Put back as it was by
 * {@link #close}.
 */
final class RaceSlack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final HttpClient HTTP = TestHttp.client();

    private final KeycloakServer server;
    private final AdminApi admin;
    private final JsonNode original;
    private final JsonNode profile;
    private final Map<String, String> slackIds = new HashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private volatile Duration ahead = Duration.ZERO;

    private RaceSlack(KeycloakServer server, AdminApi admin, JsonNode original, JsonNode profile) {
        this.server = server;
        this.admin = admin;
        this.original = original;
        this.profile = profile;
    }

    static RaceSlack enable(KeycloakServer server, AdminApi admin, List<String> users) {
        JsonNode component = component(admin);
        JsonNode profile = admin.get(DEMO_REALM + "/users/profile").expectStatus(200).body();
        RaceSlack slack = new RaceSlack(server, admin, component, profile);
        ObjectNode changed = component.deepCopy();
        ObjectNode config = (ObjectNode) changed.path("config");
        config.set(ChatSettings.SLACK_BOT_TOKEN, JSON.valueToTree(List.of(server.slack().token())));
        config.set(ChatSettings.SLACK_SIGNING_SECRET, JSON.valueToTree(List.of(SECRET)));
        admin.put(DEMO_REALM + "/components/" + component.path("id").asText(), changed).expectStatus(204);
        ObjectNode unmanaged = profile.deepCopy();
        unmanaged.put("unmanagedAttributePolicy", "ADMIN_EDIT");
        admin.put(DEMO_REALM + "/users/profile", unmanaged).expectStatus(200);
        int n = 0;
        for (String username : users) {
            String slackId = "URACE" + (n++) + Integer.toHexString(username.hashCode()).toUpperCase();
            String id = admin.userId(DEMO_REALM, username);
            ObjectNode user = (ObjectNode) admin.get(DEMO_REALM + "/users/" + id).expectStatus(200).body();
            user.putObject("attributes").putArray("slackUserId").add(slackId);
            admin.put(DEMO_REALM + "/users/" + id, user).expectStatus(204);
            slack.slackIds.put(username, slackId);
            server.slack().addUser(new SlackStandIn.User(slackId, username, username + "@race.elevate.test"));
        }
        return slack;
    }

    /** The server's clock is this far ahead of real time (Slack's timestamps are checked against it). */
    void clockAhead(Duration ahead) {
        this.ahead = ahead;
    }

    /** How many presses the workflow acknowledged (200): the Slack route took part in the race. */
    int acknowledged() {
        return acknowledged.get();
    }

    /** Presses Approve on request {@code id} as {@code username}'s Slack user; returns what the workflow answered. */
    int approve(String username, String id) throws IOException, InterruptedException {
        // every press of a button is an interaction of its own (its trigger id), so never a replay of another
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions")
                .put("trigger_id", "T-race-" + UUID.randomUUID());
        payload.putObject("user").put("id", slackIds.get(username));
        payload.putObject("channel").put("id", "C0RACE0001");
        payload.putArray("actions").addObject().put("action_id", "elevate_approve").put("value", id);
        String body = "payload=" + URLEncoder.encode(payload.toString(), UTF_8);
        String timestamp = String.valueOf(Instant.now().plus(ahead).getEpochSecond());
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/realms/"
                        + DEMO_REALM + "/elevation-slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", new SlackSignature.Generator(SECRET).generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode() != 200 ? response.statusCode()
                : response.headers().firstValue(SlackInteractions.OUTCOME_HEADER).map(Integer::parseInt).orElse(0);
        if (status == 200) {
            acknowledged.incrementAndGet();
        }
        return status;
    }

    @Override
    public void close() {
        admin.put(DEMO_REALM + "/components/" + original.path("id").asText(), original).expectStatus(204);
        admin.put(DEMO_REALM + "/users/profile", profile).expectStatus(200);
    }

    private static JsonNode component(AdminApi admin) {
        for (JsonNode component : admin.get(DEMO_REALM + "/components?type=" + PolicyAdmin.PAGE_PROVIDER_TYPE)
                .expectStatus(200).body()) {
            if ("elevate-notifications".equals(component.path("providerId").asText())) {
                return component;
            }
        }
        throw new AssertionError("the demo realm has no Elevate notifications component");
    }
}
