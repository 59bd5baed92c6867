package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.block.LayoutBlock;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Slack rows of the notice outbox: {@code channel:<id>} posts the request to a channel, {@code dm:<username>}
 * to an approver (found in Slack by their email), {@code update} rewrites every message already posted about the
 * request (chat.update) to show its state now. Each message shows the request as it is when the row is sent, so a
 * message posted late never offers buttons for a request already decided; an update reads the request again just
 * before each chat.update (updates of several transactions may finish in any order), and one with a later update of
 * the same request still to come is skipped.
 */
final class SlackSender {

    static final String CHANNEL = "channel:";
    static final String DM = "dm:";
    static final String UPDATE = "update";
    /** The policy setting asking approvers for a level of authentication (the elevation policy's component). */
    static final String APPROVER_MIN_LEVEL = "approverMinLevel";

    private SlackSender() {
    }

    static Supplier<Outcome> of(KeycloakSession session, RealmModel realm, ChatSettings chat, NoticeEntity row,
                                Notice notice) {
        if (!chat.slack()) {
            return () -> Outcome.refused("the realm no longer has a Slack bot token");
        }
        String token = session.vault().getStringSecret(chat.slackBotToken()).get().orElse(null);
        if (token == null) {
            return () -> Outcome.failed("the vault has no " + chat.slackBotToken());
        }
        Optional<ElevationWindow> found = new WindowStore(session, realm).find(row.getWindowId());
        if (found.isEmpty()) {
            return () -> Outcome.refused("the request no longer exists");
        }
        ElevationWindow current = found.get();
        MethodsClient slack = SlackApi.methods(token);
        String receiver = row.getReceiver();
        if (receiver.startsWith(CHANNEL)) {
            String channel = receiver.substring(CHANNEL.length());
            Rendered rendered = render(session, realm, notice, current);
            return () -> post(slack, channel, rendered.text(), rendered.blocks());
        }
        if (receiver.startsWith(DM)) {
            String username = receiver.substring(DM.length());
            String email = notice.recipients().stream().filter(p -> p.username().equals(username))
                    .map(Notice.Person::email).filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
            if (email == null) {
                return () -> Outcome.refused(username + " has no email address to find in Slack");
            }
            Rendered rendered = render(session, realm, notice, current);
            return () -> {
                SlackApi.Result<UsersLookupByEmailResponse> user = SlackApi.run("users.lookupByEmail",
                        () -> slack.usersLookupByEmail(r -> r.email(email)));
                if (!user.ok()) {
                    return user.failure().error().endsWith("users_not_found")
                            ? Outcome.refused(user.failure().error()) : user.failure();
                }
                return post(slack, user.response().getUser().getId(), rendered.text(), rendered.blocks());
            };
        }
        if (UPDATE.equals(receiver)) {
            NoticeOutbox outbox = new NoticeOutbox(session);
            if (outbox.slackPostWaiting(row.getWindowId())) {
                // the post shows the state when it is sent; updating before it is would miss it
                return () -> Outcome.failed("a Slack message about the request is not posted yet");
            }
            if (outbox.newerSlackUpdate(row)) {
                // a later rewrite of the same messages is to come; it reads the state when it is made
                return () -> Outcome.sent("superseded by a later update");
            }
            List<String> messages = outbox.sent(row.getWindowId(), NoticeChannel.SLACK).stream()
                    .map(NoticeEntity::getReply).toList();
            // rewrites made by other transactions can finish in any order: each reads the request again just before
            // its chat.update, so the last rewrite shows the state now, never buttons of a request decided since
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            String realmId = realm.getId();
            String windowId = row.getWindowId();
            Supplier<Optional<Rendered>> render = () -> KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    job -> {
                        RealmModel jobRealm = job.realms().getRealm(realmId);
                        if (jobRealm == null) {
                            return Optional.<Rendered>empty();
                        }
                        job.getContext().setRealm(jobRealm);
                        return new WindowStore(job, jobRealm).find(windowId)
                                .map(now -> render(job, jobRealm, notice, now));
                    });
            return () -> update(messages, render, (channel, ts, rendered) -> SlackApi.run("chat.update",
                    () -> slack.chatUpdate(r -> r.channel(channel).ts(ts).text(rendered.text())
                            .blocks(rendered.blocks()))));
        }
        return () -> Outcome.refused("no Slack receiver " + receiver);
    }

    /** The message about the window as it is now: its fallback text and its blocks. */
    private static Rendered render(KeycloakSession session, RealmModel realm, Notice notice, ElevationWindow window) {
        SlackStages stages = stages(session, realm, window);
        return new Rendered(SlackMessages.fallback(notice, window, stages),
                SlackMessages.blocks(notice, window, portalOnly(realm, window), stages));
    }

    private static Outcome post(MethodsClient slack, String channel, String text, List<LayoutBlock> blocks) {
        SlackApi.Result<ChatPostMessageResponse> posted = SlackApi.run("chat.postMessage",
                () -> slack.chatPostMessage(r -> r.channel(channel).text(text).blocks(blocks).unfurlLinks(false)));
        if (!posted.ok()) {
            return posted.failure();
        }
        return Outcome.sent(posted.response().getChannel() + "|" + posted.response().getTs());
    }

    /** A message's text and blocks, as they show the request at one moment. */
    record Rendered(String text, List<LayoutBlock> blocks) {
    }

    /** One chat.update call. */
    @FunctionalInterface
    interface MessageUpdate {
        SlackApi.Result<ChatUpdateResponse> run(String channel, String ts, Rendered rendered);
    }

    /**
     * Updates every message, each with the request as {@code render} reads it just before that message's call; any
     * failure fails the row, which is retried whole (an update can be made twice).
     */
    static Outcome update(List<String> messages, Supplier<Optional<Rendered>> render, MessageUpdate call) {
        for (String message : messages) {
            int bar = message.indexOf('|');
            String channel = message.substring(0, bar);
            String ts = message.substring(bar + 1);
            Optional<Rendered> now = render.get();
            if (now.isEmpty()) {
                return Outcome.refused("the request no longer exists");
            }
            SlackApi.Result<ChatUpdateResponse> updated = call.run(channel, ts, now.get());
            if (!updated.ok() && !updated.failure().error().endsWith("message_not_found")) {
                return updated.failure();
            }
        }
        return Outcome.OK;
    }

    /** Where a request waiting for approvers stands in its policy's stages; null when it has none or waits not. */
    static SlackStages stages(KeycloakSession session, RealmModel realm, ElevationWindow window) {
        boolean waiting = window.status() == io.elevate.window.WindowStatus.REQUESTED
                || window.request().extensionPending();
        return !waiting ? null : SlackStages.of(realm, window,
                () -> new WindowStore(session, realm).approvals(window.id())).orElse(null);
    }

    /** Whether the request's policy asks approvers for a level of authentication Slack cannot prove. */
    static boolean portalOnly(RealmModel realm, ElevationWindow window) {
        String policyId = window.request().policyId();
        ComponentModel policy = policyId == null ? null : realm.getComponent(policyId);
        if (policy == null) {
            return false;
        }
        String level = policy.get(APPROVER_MIN_LEVEL);
        try {
            return level != null && !level.isBlank() && Integer.parseInt(level.trim()) > 0;
        } catch (NumberFormatException e) {
            return true; // fail closed: an unreadable level is not one Slack can meet
        }
    }
}
