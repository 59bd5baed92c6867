package io.elevate.chat;

import io.elevate.api.PortalLinks;
import io.elevate.notify.ChatSettings;
import io.elevate.notify.Notifiers;
import io.elevate.notify.RealmNotifications;
import io.elevate.notify.SlackApi;
import io.elevate.notify.SlackMessages;
import io.elevate.workflow.Caller;
import io.elevate.workflow.ElevationWorkflow;
import io.elevate.workflow.Outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/**
 * {@code POST /realms/{realm}/elevation-slack/interactions}: Slack's interactivity requests (button presses, modal
 * submissions). No sign-in: every request must carry Slack's v0 signature over its timestamp and body with the
 * realm's signing secret (Slack's SDK verifies it), be at most five minutes old, and not have been seen before (a
 * replay is refused on every node: the signature is kept in Keycloak's single-use store). The Slack user must be
 * exactly one user of the realm ({@link SlackUsers}); the decision then goes through the same workflow core as the
 * API, with that user as the caller: separation of duties, approver groups, quorum. Approve decides at once; Reject
 * opens a modal asking for the comment, and its submission rejects. A refusal is told to the user in Slack (an
 * ephemeral message, or the modal's error) and changes nothing; the messages about the request follow every change
 * (they are rewritten by the notice outbox).
 */
public final class SlackInteractions {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final String REJECT_MODAL = "elevate_reject_modal";
    static final String COMMENT_BLOCK = "comment";
    static final String COMMENT_ACTION = "comment";
    /** The workflow's answer to a decision made from Slack, as the API's status code. */
    public static final String OUTCOME_HEADER = "X-Elevate-Outcome";

    private static final Logger LOG = Logger.getLogger(SlackInteractions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;

    SlackInteractions(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
    }

    @POST
    @Path("interactions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response interact(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
                             @HeaderParam("X-Slack-Signature") String signature, String body) {
        ChatSettings chat = RealmNotifications.of(realm).chat();
        if (!chat.slack() || chat.slackSigningSecret() == null) {
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE).entity("no Slack in this realm").build();
        }
        String secret = session.vault().getStringSecret(chat.slackSigningSecret()).get().orElse(null);
        String token = session.vault().getStringSecret(chat.slackBotToken()).get().orElse(null);
        if (secret == null || token == null) {
            LOG.errorf("Realm %s: the Slack signing secret or bot token is not in the vault", realm.getName());
            return Response.status(503).type(MediaType.TEXT_PLAIN_TYPE).entity("Slack is not ready").build();
        }
        String refusal = verify(secret, timestamp, signature, body == null ? "" : body);
        if (refusal != null) {
            LOG.warnf("Realm %s refused a Slack interaction: %s", realm.getName(), refusal);
            return Response.status(401).type(MediaType.TEXT_PLAIN_TYPE).entity(refusal).build();
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(form(body).getOrDefault("payload", ""));
        } catch (Exception e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE).entity("no interaction payload").build();
        }
        if (payload == null || !payload.isObject()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE).entity("no interaction payload").build();
        }
        String stranger = workspaceRefusal(chat, payload);
        if (stranger != null) {
            LOG.warnf("Realm %s refused a Slack interaction: %s", realm.getName(), stranger);
            return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE).entity(stranger).build();
        }
        String type = payload.path("type").asText();
        if ("block_actions".equals(type)) {
            return blockAction(token, chat, payload);
        }
        if ("view_submission".equals(type) && REJECT_MODAL.equals(payload.path("view").path("callback_id").asText())) {
            return rejectSubmitted(token, chat, payload);
        }
        return acknowledged();
    }

    /**
     * Null when the interaction is of the realm's Slack workspace and app (when the settings name them) and its user
     * is of the workspace it comes from (not a Slack Connect guest of another team); else why not.
     */
    static String workspaceRefusal(ChatSettings chat, JsonNode payload) {
        String team = payload.path("team").path("id").asText("");
        String enterprise = payload.path("enterprise").path("id").asText("");
        if (chat.slackTeamId() != null && !chat.slackTeamId().equals(team)
                && !chat.slackTeamId().equals(enterprise)) {
            return "the interaction comes from another Slack workspace than this realm's";
        }
        if (chat.slackAppId() != null && !chat.slackAppId().equals(payload.path("api_app_id").asText(""))) {
            return "the interaction is for another Slack app than this realm's";
        }
        String userTeam = payload.path("user").path("team_id").asText("");
        if (!userTeam.isEmpty() && !userTeam.equals(team)) {
            return "the Slack user is of another workspace (Slack Connect)";
        }
        return null;
    }

    /** Null when the request is Slack's, fresh and new; else why not. */
    private String verify(String secret, String timestamp, String signature, String body) {
        if (timestamp == null || signature == null) {
            return "no Slack signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "the timestamp is not a number";
        }
        long now = clock.millis();
        if (Math.abs(now - seconds * 1000) > MAX_AGE.toMillis()) {
            return "the timestamp is more than five minutes away from now";
        }
        if (!new SlackSignature.Verifier(new SlackSignature.Generator(secret)).isValid(timestamp, body, signature,
                now)) {
            return "the signature does not match";
        }
        // one use: the same signed request again (a replay) within its lifetime is refused, on every node
        if (!session.singleUseObjects().putIfAbsent("elevate-slack:" + signature, MAX_AGE.toSeconds() * 2 + 1)) {
            return "the request was seen before (a replay)";
        }
        return null;
    }

    private Response blockAction(String token, ChatSettings chat, JsonNode payload) {
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asText();
        String requestId = action.path("value").asText();
        String slackUser = payload.path("user").path("id").asText();
        String channel = payload.path("channel").path("id").asText(payload.path("container").path("channel_id")
                .asText());
        if (SlackMessages.OPEN.equals(actionId) || requestId.isEmpty()) {
            return acknowledged();
        }
        // Slack first (an HTTP call), then the database
        SlackUsers.Profile profile = SlackUsers.ask(token, slackUser, chat.slackTeamId());
        SlackUsers.Match match = SlackUsers.find(session, realm, profile);
        if (match.user() == null) {
            ephemeral(token, channel, slackUser, match.refusal());
            return outcome(403);
        }
        if (SlackMessages.APPROVE.equals(actionId)) {
            Outcome outcome = workflow().decisions().approve(caller(match), requestId, null, clock.instant());
            if (outcome instanceof Outcome.Refused refused) {
                ephemeral(token, channel, slackUser, "Not approved: " + refused.message());
                return outcome(refused.status());
            }
            return outcome(200);
        }
        if (SlackMessages.REJECT.equals(actionId)) {
            String trigger = payload.path("trigger_id").asText();
            afterCommit(() -> SlackApi.methods(token).viewsOpen(r -> r.triggerId(trigger).view(view(v -> v
                    .type("modal").callbackId(REJECT_MODAL).privateMetadata(requestId)
                    .title(viewTitle(t -> t.type("plain_text").text("Reject the request")))
                    .submit(viewSubmit(s -> s.type("plain_text").text("Reject")))
                    .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                    .blocks(List.of(input(i -> i.blockId(COMMENT_BLOCK).label(plainText("Why?"))
                            .element(plainTextInput(p -> p.actionId(COMMENT_ACTION).multiline(true)
                                    .maxLength(1000))))))))));
        }
        return acknowledged();
    }

    private Response rejectSubmitted(String token, ChatSettings chat, JsonNode payload) {
        JsonNode view = payload.path("view");
        String requestId = view.path("private_metadata").asText();
        JsonNode comment = view.path("state").path("values").path(COMMENT_BLOCK).path(COMMENT_ACTION).path("value");
        SlackUsers.Profile profile = SlackUsers.ask(token, payload.path("user").path("id").asText(),
                chat.slackTeamId());
        SlackUsers.Match match = SlackUsers.find(session, realm, profile);
        if (match.user() == null) {
            return modalError(match.refusal());
        }
        Outcome outcome = workflow().decisions().reject(caller(match), requestId,
                comment.isTextual() && !comment.asText().isBlank() ? comment.asText() : null, clock.instant());
        if (outcome instanceof Outcome.Refused refused) {
            return modalError("Not rejected: " + refused.message());
        }
        return acknowledged();
    }

    /**
     * Slack's acknowledgement of a decision (Slack wants 200 whatever happened), with what the workflow answered as
     * {@value #OUTCOME_HEADER} (the API's status for the same step: 200, 403, 404, 409, ...) for logs and tests.
     */
    private static Response outcome(int status) {
        return Response.ok("", MediaType.TEXT_PLAIN_TYPE).header(OUTCOME_HEADER, status).build();
    }

    /** Slack's acknowledgement: 200, empty (Keycloak wants every answer to name its media type). */
    private static Response acknowledged() {
        return Response.ok("", MediaType.TEXT_PLAIN_TYPE).build();
    }

    private static Response modalError(String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("response_action", "errors");
        answer.put("errors", Map.of(COMMENT_BLOCK, message.length() > 150 ? message.substring(0, 149) + "…"
                : message));
        return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Caller caller(SlackUsers.Match match) {
        // Slack proves no level of authentication: a policy that asks one refuses the decision (fail closed)
        return new Caller(match.user(), null, null, session.getContext().getConnection().getRemoteAddr(), 0);
    }

    private ElevationWorkflow workflow() {
        return new ElevationWorkflow(session, realm, Notifiers.of(session, realm), PortalLinks.portal(session, realm));
    }

    /** Tells the Slack user why (visible to them only), once this request's transaction has ended. */
    private void ephemeral(String token, String channel, String slackUser, String text) {
        afterCommit(() -> SlackApi.methods(token).chatPostEphemeral(r -> r.channel(channel).user(slackUser)
                .text(text)));
    }

    /** A Slack call made after this request's transaction, on Keycloak's notice executor; failures are logged. */
    private void afterCommit(SlackCall call) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                run();
            }

            @Override
            protected void rollbackImpl() {
                run(); // a refusal rolls back; its reply is still due
            }

            private void run() {
                try {
                    session.getProvider(ExecutorsProvider.class).getExecutor("elevate-notices").execute(() -> {
                        try {
                            call.run();
                        } catch (Exception e) {
                            LOG.warnf("Elevate could not answer a Slack interaction in realm %s: %s",
                                    realm.getName(), e.toString());
                        }
                    });
                } catch (RejectedExecutionException e) {
                    LOG.warnf("Elevate could not answer a Slack interaction: %s", e.getMessage());
                }
            }
        });
    }

    @FunctionalInterface
    private interface SlackCall {
        Object run() throws Exception;
    }

    static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
