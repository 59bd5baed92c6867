package io.elevate.notify;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.function.Supplier;

/** The chat channels of the notice outbox: the call that delivers one Slack or Teams row. */
final class Chat {

    private Chat() {
    }

    static Supplier<Outcome> sender(KeycloakSession session, RealmModel realm, NotificationSettings settings,
                                    NoticeEntity row, Notice notice) {
        return switch (NoticeChannel.valueOf(row.getChannel())) {
            case SLACK -> SlackSender.of(session, realm, settings.chat(), row, notice);
            case TEAMS -> TeamsSender.of(session, realm, settings.chat(), row, notice);
            default -> () -> Outcome.refused("no chat channel " + row.getChannel());
        };
    }
}
