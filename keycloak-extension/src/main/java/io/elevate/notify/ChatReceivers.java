package io.elevate.notify;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which chat receivers a notice has under the realm's settings: a request (or extension) and a break-glass are posted
 * to the policy's Slack channel (or the realm's) and, when the realm asks, to each approver directly; decisions reach
 * Slack by updating those messages ({@link OutboxNotifier#changed}), not as new posts. Teams gets a card for requests,
 * break-glass, approvals, rejections and revocations, at the policy's webhook (or the realm's). An automatic approval
 * reaches the chats once, as its AUTO_APPROVED notice: its APPROVED notice (for the requester) has no chat receiver.
 */
final class ChatReceivers {

    private static final Set<Notice.Kind> SLACK_POSTS = EnumSet.of(Notice.Kind.REQUESTED, Notice.Kind.BREAK_GLASS,
            Notice.Kind.AUTO_APPROVED);
    private static final Set<Notice.Kind> TEAMS_CARDS = EnumSet.of(Notice.Kind.REQUESTED, Notice.Kind.BREAK_GLASS,
            Notice.Kind.AUTO_APPROVED, Notice.Kind.APPROVED, Notice.Kind.REJECTED, Notice.Kind.REVOKED);

    private ChatReceivers() {
    }

    static List<ChatReceiver> of(RealmModel realm, ChatSettings chat, Notice notice) {
        return of(realm, chat, notice, false);
    }

    /**
     * As {@link #of(RealmModel, ChatSettings, Notice)}; at a stage hand-off ({@code handOff}: the request's channel
     * message exists, and is rewritten to show the new stage) Slack gets only direct messages to the new stage's
     * approvers, never a second post in the channel.
     */
    static List<ChatReceiver> of(RealmModel realm, ChatSettings chat, Notice notice, boolean handOff) {
        List<ChatReceiver> receivers = new ArrayList<>();
        if (notice.kind() == Notice.Kind.APPROVED && notice.window().request().autoRule() != null) {
            return receivers; // the AUTO_APPROVED notice of the same approval tells the chats; this one is the requester's
        }
        String policyId = notice.window().request().policyId();
        ComponentModel policy = policyId == null ? null : realm.getComponent(policyId);
        String policyName = policy == null ? null : policy.getName();
        if (chat.slack() && SLACK_POSTS.contains(notice.kind())) {
            String channel = chat.slackChannelOf(policyId, policyName);
            if (channel != null && !handOff) {
                receivers.add(new ChatReceiver(NoticeChannel.SLACK, SlackSender.CHANNEL + channel));
            }
            if (chat.slackDirectMessages()) {
                for (Notice.Person approver : notice.recipients()) {
                    receivers.add(new ChatReceiver(NoticeChannel.SLACK, SlackSender.DM + approver.username()));
                }
            }
        }
        if (TEAMS_CARDS.contains(notice.kind()) && chat.teamsWebhookOf(policyId, policyName) != null) {
            boolean own = (policyId != null && chat.teamsPolicyWebhooks().containsKey(policyId))
                    || (policyName != null && chat.teamsPolicyWebhooks().containsKey(policyName));
            receivers.add(new ChatReceiver(NoticeChannel.TEAMS, own ? "policy " + policyName : "realm"));
        }
        return receivers;
    }
}
