package io.elevate.chat;

import io.elevate.notify.ChatSettings;
import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.TestHttp;
import io.elevate.testing.chat.SlackStandIn;
import io.elevate.testing.chat.TeamsStandIn;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakCluster;
import io.elevate.testing.server.KeycloakCluster.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Slack approvals and Teams cards on a Keycloak of their own, whose Slack SDK is pointed at a Slack Web API stand-in
 * in this JVM ({@link SlackStandIn}) and whose Teams workflow webhook is a stand-in here ({@link TeamsStandIn}).
 * Button presses are posted to the real interactivity endpoint, signed as Slack signs them (Slack's SDK).
 */
@Tag(KeycloakCluster.TAG)
@DisplayName("Slack approvals and Teams cards")
class SlackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "xoxb-1234567890-elevate-test-token";
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5".replace('y', 'e').replace('z', 'f');
    private static final String CHANNEL = "C0ELEVATE1";
    private static final HttpClient HTTP = TestHttp.client();

    private static SlackStandIn slack;
    private static TeamsStandIn teams;
    private static final String VAULT_TOKEN = "${vault.slack-bot-token}";
    private static java.nio.file.Path vault;
    private static KeycloakCluster cluster;
    private static Node node;
    private static Elevations elevations;
    private static PolicyAdmin policies;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(KeycloakCluster.postgresInstalled(), "needs Debian's PostgreSQL binaries (sudo apt-get install"
                + " postgresql) for a Keycloak of its own");
        slack = SlackStandIn.start(TOKEN);
        teams = TeamsStandIn.start();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("spi-elevate-timers--default--slack-api-url", slack.url());
        options.put("spi-elevate-timers--default--notice-retry-seconds", "1");
        // the bot token is read through Keycloak's file vault: <realm>_<key>
        vault = Files.createTempDirectory("slack-it-vault");
        Files.writeString(vault.resolve(DEMO_REALM + "_slack-bot-token"), TOKEN);
        options.put("vault", "file");
        options.put("vault-dir", vault.toString());
        cluster = KeycloakCluster.start("slack-it", 1, options, Map.of());
        node = cluster.node("a");
        elevations = new Elevations(node.admin());
        policies = new PolicyAdmin(node.admin());
        JsonNode component = component(node.admin());
        ObjectNode changed = component.deepCopy();
        ObjectNode config = (ObjectNode) changed.path("config");
        config.set(ChatSettings.SLACK_BOT_TOKEN, JSON.valueToTree(List.of(VAULT_TOKEN)));
        config.set(ChatSettings.SLACK_SIGNING_SECRET, JSON.valueToTree(List.of(SECRET)));
        config.set(ChatSettings.SLACK_CHANNEL, JSON.valueToTree(List.of(CHANNEL)));
        config.set(ChatSettings.TEAMS_WEBHOOK_URL, JSON.valueToTree(List.of(teams.url())));
        node.admin().put(DEMO_REALM + "/components/" + component.path("id").asText(), changed).expectStatus(204);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (teams != null) {
            teams.close();
        }
        if (vault != null) {
            try (var files = Files.list(vault)) {
                files.forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary directory: left for the system to clean
            }
            vault.toFile().delete();
        }
    }

    @Nested
    @DisplayName("given the realm's chat settings")
    class Settings {

        @Test
        @DisplayName("then the admin API shows the signing secret and the Teams URL masked, the token as its vault"
                + " reference, and the token is read from the vault")
        void maskedAndFromTheVault() throws Exception {
            JsonNode config = component(node.admin()).path("config");

            assertThat(config.path(ChatSettings.SLACK_SIGNING_SECRET).get(0).asText()).isEqualTo("**********");
            assertThat(config.path(ChatSettings.TEAMS_WEBHOOK_URL).get(0).asText()).isEqualTo("**********");
            assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("sig=").doesNotContain(TOKEN);
            assertThat(config.path(ChatSettings.SLACK_BOT_TOKEN).get(0).asText()).isIn(VAULT_TOKEN, "**********");

            Team team = team(1);
            String id = request(team, "through the vault");
            blocksPosted(id);
            assertThat(slack.calls("chat.postMessage")).as("Slack saw the vault's token: no call was refused")
                    .noneMatch(c -> "invalid_auth".equals(c.error()));
        }

        @Test
        @DisplayName("then a realm export carries them with the realm: the vault reference as it is, secrets masked")
        void inTheRealmExport() {
            JsonNode export = node.admin().post(DEMO_REALM + "/partial-export?exportClients=false"
                    + "&exportGroupsAndRoles=false", Map.of()).expectStatus(200).body();
            JsonNode config = null;
            for (JsonNode component : export.path("components").path(PolicyAdmin.PAGE_PROVIDER_TYPE)) {
                if ("elevate-notifications".equals(component.path("providerId").asText())) {
                    config = component.path("config");
                }
            }

            assertThat(config).as("the notification settings in the export").isNotNull();
            assertThat(config.path(ChatSettings.SLACK_CHANNEL).get(0).asText()).isEqualTo(CHANNEL);
            assertThat(config.path(ChatSettings.SLACK_BOT_TOKEN).get(0).asText()).isEqualTo(VAULT_TOKEN);
            assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("sig=").doesNotContain(TOKEN);
        }
    }

    /** Requester, two approvers with Slack accounts (found by email), a policy needing {@code quorum} approvals. */
    record Team(String requester, String first, String second, String policy) {
    }

    private static Team team(int quorum) {
        return team(quorum, Map.of());
    }

    /** As {@link #team(int)}, the policy with more {@code settings}. */
    private static Team team(int quorum, Map<String, String> settings) {
        String operators = policies.newGroup("slack-operators");
        String approvers = policies.newGroup("slack-approvers");
        String requester = elevations.newUser("slack-op");
        policies.addMember(elevations.userId(requester), operators);
        policies.addMember(elevations.userId(requester), approvers); // may approve others, never itself
        String first = elevations.newUser("slack-a");
        String second = elevations.newUser("slack-b");
        policies.addMember(elevations.userId(first), approvers);
        policies.addMember(elevations.userId(second), approvers);
        for (String user : List.of(requester, first, second)) {
            slack.addUser(new SlackStandIn.User(slackId(user), user, user + "@elevate.test"));
        }
        Map<String, List<String>> config = new LinkedHashMap<>(PolicyAdmin.policy(operators, approvers));
        config.put("approvalsRequired", List.of(String.valueOf(quorum)));
        settings.forEach((key, value) -> config.put(key, List.of(value)));
        return new Team(requester, first, second, policies.create("slack " + operators, config));
    }

    private static String slackId(String username) {
        return "U" + Integer.toHexString(username.hashCode()).toUpperCase().replace('-', '0') + "X";
    }

    private static String request(Team team, String justification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", team.policy());
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", justification);
        body.put("ticket", "INC-42");
        body.put("durationMinutes", 30);
        return api(team.requester()).post("requests", body).expectStatus(201).body().path("id").asText();
    }

    private static AdminApi api(String username) {
        return AdminApi.elevationApiAs(node.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }

    private static String status(Team team, String id) {
        return api(team.requester()).get("requests/" + id).expectStatus(200).body().path("status").asText();
    }

    private static int approvals(Team team, String id) {
        return api(team.requester()).get("requests/" + id).expectStatus(200).body().path("approvals").size();
    }

    /** The card Teams accepted about {@code team}'s request in {@code state}. */
    private static JsonNode cardAbout(Team team, String state) {
        return await("the Teams card of " + team.requester() + "'s request in " + state, () -> teams.calls().stream()
                .filter(TeamsStandIn.Call::delivered).map(TeamsStandIn.Call::body)
                .filter(c -> c.toString().contains(team.requester()) && state.equals(fact(c, "State"))).findFirst());
    }

    /** A fact of a Teams card, its Adaptive Card markdown escapes removed; empty when the card has none. */
    private static String fact(JsonNode card, String title) {
        for (JsonNode block : card.path("attachments").path(0).path("content").path("body")) {
            for (JsonNode fact : block.path("facts")) {
                if (fact.path("title").asText().equals(title)) {
                    return fact.path("value").asText().replace("\\", "");
                }
            }
        }
        return "";
    }

    private static JsonNode blocksPosted(String id) throws IOException {
        SlackStandIn.Call call = await("the request posted to Slack", () -> slack.calls("chat.postMessage").stream()
                .filter(c -> c.error() == null && c.param("blocks") != null && c.param("blocks").contains(id))
                .findFirst());
        return JSON.readTree(call.param("blocks"));
    }

    /** The update of the channel message about {@code id} that shows {@code text}. */
    private static SlackStandIn.Call updatedTo(String id, String text) {
        return updatedTo(id, text, Duration.ofSeconds(30));
    }

    private static SlackStandIn.Call updatedTo(String id, String text, Duration within) {
        String message = slack.messageAbout(id).orElseThrow(() -> new AssertionError("no message about " + id));
        return await("the Slack message of " + id + " updated to '" + text + "'", within, () -> slack
                .calls("chat.update").stream().filter(c -> c.error() == null
                        && message.equals(c.param("channel") + "|" + c.param("ts"))
                        && c.param("blocks") != null && c.param("blocks").contains(text)).findFirst());
    }

    private static HttpResponse<String> press(String slackUser, String actionId, String requestId) throws Exception {
        return post(signedNow(blockAction(slackUser, actionId, requestId)));
    }

    private static String blockAction(String slackUser, String actionId, String requestId) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("trigger_id", "T-" + actionId
                + "-" + System.nanoTime());
        payload.putObject("user").put("id", slackUser);
        payload.putObject("channel").put("id", CHANNEL);
        payload.putArray("actions").addObject().put("action_id", actionId).put("value", requestId)
                .put("block_id", "elevate_decision").put("type", "button");
        return "payload=" + URLEncoder.encode(payload.toString(), UTF_8);
    }

    private static String viewSubmission(String slackUser, String requestId, String comment) {
        ObjectNode payload = JSON.createObjectNode().put("type", "view_submission");
        payload.putObject("user").put("id", slackUser);
        ObjectNode view = payload.putObject("view").put("callback_id", "elevate_reject_modal")
                .put("private_metadata", requestId);
        view.putObject("state").putObject("values").putObject("comment").putObject("comment")
                .put("type", "plain_text_input").put("value", comment);
        return "payload=" + URLEncoder.encode(payload.toString(), UTF_8);
    }

    /** A body with Slack's headers: timestamp now, v0 signature with the signing secret. */
    record Signed(String body, String timestamp, String signature) {
    }

    private static Signed signedNow(String body) {
        return signedAt(body, Instant.now());
    }

    private static Signed signedAt(String body, Instant when) {
        String timestamp = String.valueOf(when.getEpochSecond());
        return new Signed(body, timestamp, new SlackSignature.Generator(SECRET).generate(timestamp, body));
    }

    private static HttpResponse<String> post(Signed signed) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/realms/" + DEMO_REALM
                        + "/elevation-slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", signed.timestamp())
                .header("X-Slack-Signature", signed.signature())
                .POST(HttpRequest.BodyPublishers.ofString(signed.body())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static SlackStandIn.Call ephemeralTo(String slackUser, String containing) {
        return await("an ephemeral reply to " + slackUser, () -> slack.calls("chat.postEphemeral").stream()
                .filter(c -> slackUser.equals(c.param("user")) && c.param("text") != null
                        && c.param("text").contains(containing)).findFirst());
    }

    @Nested
    @DisplayName("given a request posted to Slack")
    class Posted {

        @Test
        @DisplayName("then the message shows requester, role, instance, window, justification (escaped) and ticket,"
                + " with Approve and Reject carrying the request's id, and Teams gets a card")
        void messageAndCard() throws Exception {
            Team team = team(1);
            String id = request(team, "INC-42: <script>alert(1)</script> & more");

            JsonNode blocks = blocksPosted(id);
            String text = blocks.toString();
            assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
            assertThat(text).contains(team.requester()).contains("arn:aws:iam::123456789012:role/ElevateSessionManager")
                    .contains("i-0123456789abcdef0").contains("INC-42").contains("&lt;script&gt;")
                    .doesNotContain("<script>");
            JsonNode actions = blocks.get(blocks.size() - 1);
            assertThat(actions.path("type").asText()).isEqualTo("actions");
            assertThat(actions.path("elements").findValuesAsText("action_id"))
                    .contains("elevate_approve", "elevate_reject");
            assertThat(actions.path("elements").findValuesAsText("value")).contains(id);

            JsonNode card = cardAbout(team, "REQUESTED");
            JsonNode content = card.path("attachments").get(0).path("content");
            assertThat(card.path("type").asText()).isEqualTo("message");
            assertThat(content.path("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(fact(card, "Ticket")).isEqualTo("INC-42");
            assertThat(content.path("actions").get(0).path("url").asText()).as("Open in the portal: the request's page")
                    .isEqualTo(node.baseUrl() + "/realms/" + DEMO_REALM + "/elevation/portal/requests/" + id);
            assertThat(actions.path("elements").findValuesAsText("url")).as("Slack's link: the request's page")
                    .containsExactly(node.baseUrl() + "/realms/" + DEMO_REALM + "/elevation/portal/requests/" + id);
        }

        @Test
        @DisplayName("then Approve from Slack by an approver approves it, and the message shows who approved")
        void approveEndToEnd() throws Exception {
            Team team = team(1);
            String id = request(team, "approve me from Slack");
            blocksPosted(id);

            assertThat(press(slackId(team.first()), "elevate_approve", id).statusCode()).isEqualTo(200);

            assertThat(status(team, id)).isEqualTo("APPROVED");
            SlackStandIn.Call update = updatedTo(id, "Approved by");
            assertThat(update.param("channel")).isEqualTo(CHANNEL);
            assertThat(update.param("blocks")).doesNotContain("elevate_approve");
            assertThat(fact(cardAbout(team, "APPROVED"), "Decided by")).isEqualTo(team.first());
        }

        @Test
        @DisplayName("then a revocation by an administrator rewrites the message, and Teams is told who revoked it")
        void revokedByAdmin() throws Exception {
            Team team = team(1);
            String id = request(team, "revoke me later");
            blocksPosted(id);
            press(slackId(team.first()), "elevate_approve", id);
            updatedTo(id, "Approved by");

            node.admin().post(DEMO_REALM + "/elevation/windows/" + id + "/revoke", Map.of("reason", "incident over"))
                    .expectStatus(200);

            assertThat(updatedTo(id, "Revoked by").param("blocks")).contains("incident over")
                    .doesNotContain("elevate_approve");
            JsonNode revoked = cardAbout(team, "REVOKED");
            assertThat(fact(revoked, "Revoked by")).as("the administrator who revoked it")
                    .isEqualTo(node.keycloak().admin().username());
            assertThat(revoked.path("attachments").path(0).path("content").path("actions").path(0).path("url")
                    .asText()).as("a change made with no request at hand links where the request's notices did")
                    .isEqualTo(node.baseUrl() + "/realms/" + DEMO_REALM + "/elevation/portal/requests/" + id);
        }

        @Test
        @DisplayName("then a request nobody decides is expired by the timer, and the message shows it, with no buttons")
        void expiredByTheTimer() throws Exception {
            Team expiring = team(1, Map.of("pendingExpiryMinutes", "1"));
            String id = request(expiring, "nobody looks");
            blocksPosted(id);

            // the policy keeps it pending one minute; the timer runs every 2 s
            SlackStandIn.Call update = updatedTo(id, "Expired", Duration.ofSeconds(120));

            assertThat(update.param("blocks")).doesNotContain("elevate_approve").doesNotContain("elevate_reject");
            assertThat(status(expiring, id)).isEqualTo("EXPIRED");
        }

        @Test
        @DisplayName("then at a stage hand-off the channel's message is rewritten to the next stage, never posted again")
        void stageHandOff() throws Exception {
            String operators = policies.newGroup("slack-staged-ops");
            String leads = policies.newGroup("slack-leads");
            String security = policies.newGroup("slack-security");
            String requester = elevations.newUser("slack-sop");
            String lead = elevations.newUser("slack-lead");
            String guard = elevations.newUser("slack-sec");
            policies.addMember(elevations.userId(requester), operators);
            policies.addMember(elevations.userId(lead), leads);
            policies.addMember(elevations.userId(guard), security);
            for (String user : List.of(requester, lead, guard)) {
                slack.addUser(new SlackStandIn.User(slackId(user), user, user + "@elevate.test"));
            }
            Map<String, List<String>> config = new LinkedHashMap<>(PolicyAdmin.policy(operators, leads));
            config.remove("approverGroups");
            config.put("approvalStages", List.of("[{\"name\": \"team lead\", \"approverGroups\": [\"" + leads
                    + "\"]}, {\"name\": \"security\", \"approverGroups\": [\"" + security + "\"]}]"));
            Team team = new Team(requester, lead, guard, policies.create("slack staged " + operators, config));
            String id = request(team, "two stages");
            assertThat(blocksPosted(id).toString()).contains("Stage 1 of 2 (team lead): 0/1");

            press(slackId(lead), "elevate_approve", id);

            assertThat(status(team, id)).isEqualTo("REQUESTED");
            updatedTo(id, "Stage 2 of 2 (security): 0/1 · stage 1 approved by");
            JsonNode rows = node.admin().get(DEMO_REALM + "/elevation/notices?max=500").expectStatus(200).body();
            long channelPosts = 0;
            for (JsonNode row : rows.path("notices")) {
                if (id.equals(row.path("windowId").asText())
                        && row.path("receiver").asText().startsWith("channel:")) {
                    channelPosts++;
                }
            }
            assertThat(channelPosts).as("one channel post for the request, rewritten at the hand-off").isEqualTo(1);
            press(slackId(guard), "elevate_approve", id);
            assertThat(status(team, id)).isEqualTo("APPROVED");
            updatedTo(id, "Approved by");
        }

        @Test
        @DisplayName("then a quorum of two needs both Slack approvers, and the message follows each step")
        void quorumAcrossTwoApprovers() throws Exception {
            Team team = team(2);
            String id = request(team, "two of us");
            blocksPosted(id);

            press(slackId(team.first()), "elevate_approve", id);
            assertThat(status(team, id)).isEqualTo("REQUESTED");
            assertThat(updatedTo(id, "Waiting for 2 approval(s): 1 so far, by " + team.first()).param("blocks"))
                    .as("the second approver sees who approved, and can still approve").contains("elevate_approve");
            press(slackId(team.first()), "elevate_approve", id);
            assertThat(status(team, id)).as("the same approver twice is one approval").isEqualTo("REQUESTED");
            press(slackId(team.second()), "elevate_approve", id);

            assertThat(status(team, id)).isEqualTo("APPROVED");
            updatedTo(id, "Approved by");
        }

        @Test
        @DisplayName("then Reject opens the modal, and its submission rejects with the comment")
        void rejectEndToEnd() throws Exception {
            Team team = team(1);
            String id = request(team, "reject me");
            blocksPosted(id);

            press(slackId(team.first()), "elevate_reject", id);
            SlackStandIn.Call modal = await("views.open", () -> slack.calls("views.open").stream()
                    .filter(c -> c.param("view") != null && c.param("view").contains(id)).findFirst());
            assertThat(modal.param("trigger_id")).startsWith("T-elevate_reject");
            assertThat(status(team, id)).as("the press alone decides nothing").isEqualTo("REQUESTED");

            HttpResponse<String> submitted = post(signedNow(viewSubmission(slackId(team.first()), id,
                    "not during the freeze")));

            assertThat(submitted.statusCode()).isEqualTo(200);
            assertThat(status(team, id)).isEqualTo("REJECTED");
            assertThat(updatedTo(id, "Rejected by").param("blocks")).contains("not during the freeze");
        }
    }

    @Nested
    @DisplayName("given a hostile or mistaken press, then it is refused and nothing changes")
    class Refused {

        @Test
        @DisplayName("a wrong signature, a stale timestamp and a replay are 401")
        void signatureTimestampReplay() throws Exception {
            Team team = team(1);
            String id = request(team, "hostile");
            String body = blockAction(slackId(team.first()), "elevate_approve", id);

            Signed good = signedNow(body);
            Signed forged = new Signed(body, good.timestamp(), "v0=" + "0".repeat(64));
            assertThat(post(forged).statusCode()).isEqualTo(401);
            assertThat(post(signedAt(body, Instant.now().minus(Duration.ofMinutes(6)))).statusCode()).isEqualTo(401);
            assertThat(post(signedAt(body, Instant.now().plus(Duration.ofMinutes(6)))).statusCode())
                    .as("a timestamp from the future").isEqualTo(401);
            assertThat(status(team, id)).isEqualTo("REQUESTED");
            assertThat(approvals(team, id)).isZero();
        }

        @Test
        @DisplayName("a replay of an accepted Approve is 401 and counts no second vote")
        void replayedApproval() throws Exception {
            Team team = team(2);
            String id = request(team, "replayed");
            blocksPosted(id);
            Signed approve = signedNow(blockAction(slackId(team.first()), "elevate_approve", id));

            HttpResponse<String> first = post(approve);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue(SlackInteractions.OUTCOME_HEADER)).contains("200");
            assertThat(approvals(team, id)).isEqualTo(1);

            assertThat(post(approve).statusCode()).as("the same signed press again (a replay)").isEqualTo(401);

            assertThat(approvals(team, id)).isEqualTo(1);
            assertThat(status(team, id)).isEqualTo("REQUESTED");
        }

        @Test
        @DisplayName("a Slack user id that two users hold is ambiguous: refused and told why")
        void ambiguousUser() throws Exception {
            Team team = team(1);
            String id = request(team, "which of you");
            blocksPosted(id);
            String twin = "UTWINS" + Long.toHexString(System.nanoTime()).toUpperCase();
            slack.addUser(new SlackStandIn.User(twin, "twin", "twin@elsewhere.test"));
            JsonNode profile = node.admin().get(DEMO_REALM + "/users/profile").expectStatus(200).body();
            if (!"ADMIN_EDIT".equals(profile.path("unmanagedAttributePolicy").asText())) {
                ObjectNode unmanaged = profile.deepCopy();
                unmanaged.put("unmanagedAttributePolicy", "ADMIN_EDIT");
                node.admin().put(DEMO_REALM + "/users/profile", unmanaged).expectStatus(200);
            }
            for (String username : List.of(team.first(), team.second())) {
                String userId = elevations.userId(username);
                ObjectNode user = (ObjectNode) node.admin().get(DEMO_REALM + "/users/" + userId).expectStatus(200)
                        .body();
                user.putObject("attributes").putArray(SlackUsers.ATTRIBUTE).add(twin);
                node.admin().put(DEMO_REALM + "/users/" + userId, user).expectStatus(204);
            }

            assertThat(press(twin, "elevate_approve", id).statusCode()).isEqualTo(200);

            ephemeralTo(twin, "more than one Elevate user has the Slack user id " + twin);
            assertThat(status(team, id)).isEqualTo("REQUESTED");
            assertThat(approvals(team, id)).isZero();
        }

        @Test
        @DisplayName("an unknown Slack user is told why")
        void unknownUser() throws Exception {
            Team team = team(1);
            String id = request(team, "who are you");

            assertThat(press("UNOBODY0001", "elevate_approve", id).statusCode()).isEqualTo(200);

            ephemeralTo("UNOBODY0001", "Slack did not tell Elevate your email");
            assertThat(status(team, id)).isEqualTo("REQUESTED");
            assertThat(approvals(team, id)).isZero();
        }

        @Test
        @DisplayName("a Slack user whose email no user has is told why")
        void unmatchedEmail() throws Exception {
            Team team = team(1);
            String id = request(team, "stranger");
            slack.addUser(new SlackStandIn.User("USTRANGER01", "stranger", "stranger@elsewhere.test"));

            press("USTRANGER01", "elevate_approve", id);

            ephemeralTo("USTRANGER01", "no Elevate user has your Slack email");
            assertThat(status(team, id)).isEqualTo("REQUESTED");
            assertThat(approvals(team, id)).isZero();
        }

        @Test
        @DisplayName("the requester cannot approve their own request from Slack")
        void selfApproval() throws Exception {
            Team team = team(1);
            String id = request(team, "let me in");
            blocksPosted(id);

            press(slackId(team.requester()), "elevate_approve", id);

            ephemeralTo(slackId(team.requester()), "Not approved");
            assertThat(status(team, id)).isEqualTo("REQUESTED");
            assertThat(approvals(team, id)).isZero();
        }

        @Test
        @DisplayName("a request already decided in the portal is not decided again, and the message shows the decision")
        void decidedElsewhere() throws Exception {
            Team team = team(1);
            String id = request(team, "decided elsewhere");
            blocksPosted(id);
            api(team.second()).post("requests/" + id + "/reject", Map.of("comment", "no")).expectStatus(200);
            updatedTo(id, "Rejected by");

            press(slackId(team.first()), "elevate_approve", id);

            ephemeralTo(slackId(team.first()), "Not approved");
            assertThat(status(team, id)).isEqualTo("REJECTED");
            assertThat(approvals(team, id)).isZero();
            assertThat(slack.blocksOf(slack.messageAbout(id).orElseThrow())).as("the message still shows the rejection")
                    .contains("Rejected by " + team.second()).doesNotContain("elevate_approve");
        }
    }

    @Nested
    @DisplayName("given a policy with its own channel, and direct messages to approvers")
    class PolicyChannelAndDirectMessages {

        private void chat(String policyChannels, String directMessages) {
            JsonNode component = component(node.admin());
            ObjectNode changed = component.deepCopy();
            ObjectNode config = (ObjectNode) changed.path("config");
            config.set(ChatSettings.SLACK_POLICY_CHANNELS, JSON.valueToTree(policyChannels == null ? List.of()
                    : List.of(policyChannels)));
            config.set(ChatSettings.SLACK_DIRECT_MESSAGES, JSON.valueToTree(List.of(directMessages)));
            node.admin().put(DEMO_REALM + "/components/" + component.path("id").asText(), changed).expectStatus(204);
        }

        @Test
        @DisplayName("then the request goes to the policy's channel, not the realm's, and to each approver but the"
                + " requester; an approval rewrites every one of those messages")
        void everyMessageFollows() throws Exception {
            Team team = team(1);
            chat(team.policy() + "=C0POLICY01", "true");
            try {
                String id = request(team, "own channel");

                List<SlackStandIn.Call> posts = await("the policy channel's post and two direct messages", () -> {
                    List<SlackStandIn.Call> found = slack.calls("chat.postMessage").stream()
                            .filter(c -> c.error() == null && c.param("blocks") != null
                                    && c.param("blocks").contains(id)).toList();
                    return found.size() >= 3 ? Optional.of(found) : Optional.empty();
                });
                assertThat(posts).extracting(c -> c.param("channel")).containsExactlyInAnyOrder("C0POLICY01",
                        slackId(team.first()), slackId(team.second()));

                press(slackId(team.first()), "elevate_approve", id);

                assertThat(status(team, id)).isEqualTo("APPROVED");
                for (String channel : List.of("C0POLICY01", "D" + slackId(team.first()).substring(1),
                        "D" + slackId(team.second()).substring(1))) {
                    await("the message in " + channel + " rewritten", () -> slack.calls("chat.update").stream()
                            .filter(c -> c.error() == null && channel.equals(c.param("channel"))
                                    && c.param("blocks") != null && c.param("blocks").contains(id)
                                    && c.param("blocks").contains("Approved by " + team.first())
                                    && !c.param("blocks").contains("elevate_approve")).findFirst());
                }
            } finally {
                chat(null, "false");
            }
        }
    }

    @Nested
    @DisplayName("given a policy that asks approvers for a level of authentication Slack cannot prove")
    class StepUp {

        @Test
        @DisplayName("then the message has Decide in the portal, opening the request in the approver's queue, and a"
                + " crafted Approve press is refused with nothing changed")
        void decideInThePortal() throws Exception {
            Team team = team(1, Map.of("approverMinLevel", "2"));
            String id = request(team, "needs MFA");

            JsonNode actions = blocksPosted(id).path(4);
            assertThat(actions.path("elements").findValuesAsText("action_id")).containsExactly("elevate_open");
            assertThat(actions.path("elements").get(0).path("text").path("text").asText())
                    .isEqualTo("Decide in the portal");
            assertThat(actions.path("elements").get(0).path("url").asText())
                    .isEqualTo(node.baseUrl() + "/realms/" + DEMO_REALM + "/elevation/portal?focus=waiting-" + id);

            press(slackId(team.first()), "elevate_approve", id);

            ephemeralTo(slackId(team.first()), "Not approved");
            assertThat(status(team, id)).isEqualTo("REQUESTED");
            assertThat(approvals(team, id)).isZero();
        }
    }

    @Nested
    @DisplayName("given Slack rate-limiting")
    class RateLimited {

        @Test
        @DisplayName("then the message is posted once after Retry-After")
        void rateLimited() throws Exception {
            Team team = team(1);
            slack.rateLimit("chat.postMessage", 1, 1);
            String id = request(team, "rate limited");

            blocksPosted(id);
            assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.status() == 429).isNotEmpty();
            JsonNode row = await("the Slack row SENT", () -> {
                JsonNode notices = node.admin().get(DEMO_REALM + "/elevation/notices?max=500").expectStatus(200)
                        .body();
                for (JsonNode r : notices.path("notices")) {
                    if (r.path("windowId").asText().equals(id) && r.path("channel").asText().equals("SLACK")
                            && r.path("state").asText().equals("SENT")) {
                        return Optional.of(r);
                    }
                }
                return Optional.empty();
            });
            assertThat(row.path("receiver").asText()).isEqualTo("channel:" + CHANNEL);
            assertThat(row.path("attempts").asInt()).isPositive();
            assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.error() == null && c.status() == 200
                    && c.param("blocks").contains(id)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("given a Teams webhook that throttles, then fails, then recovers")
    class TeamsFaults {

        @Test
        @DisplayName("then the card is retried after Retry-After and the failure, and accepted exactly once")
        void retriedAndDeliveredOnce() throws Exception {
            Team team = team(1);
            teams.rateLimit(team.requester(), 1);
            teams.fail(team.requester(), 503);
            String id = request(team, "teams throttled");

            cardAbout(team, "REQUESTED");
            JsonNode row = await("the Teams row SENT", () -> {
                JsonNode notices = node.admin().get(DEMO_REALM + "/elevation/notices?max=500").expectStatus(200)
                        .body();
                for (JsonNode r : notices.path("notices")) {
                    if (r.path("windowId").asText().equals(id) && r.path("channel").asText().equals("TEAMS")
                            && r.path("kind").asText().equals("REQUESTED") && r.path("state").asText().equals("SENT")) {
                        return Optional.of(r);
                    }
                }
                return Optional.empty();
            });
            assertThat(row.path("attempts").asInt()).as("the 429 and the 503").isEqualTo(2);
            List<Integer> answers = teams.calls().stream().filter(c -> c.body() != null
                    && c.body().toString().contains(team.requester()) && "REQUESTED".equals(fact(c.body(), "State")))
                    .map(TeamsStandIn.Call::status).toList();
            assertThat(answers).containsExactly(429, 503, 202);
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

    private static <T> T await(String what, Supplier<Optional<T>> probe) {
        return await(what, Duration.ofSeconds(30), probe);
    }

    private static <T> T await(String what, Duration within, Supplier<Optional<T>> probe) {
        return Await.until(what, within, probe, () -> "Slack saw " + slack.methods()
                + ", Teams got " + teams.calls().size() + " POST(s)");
    }
}
