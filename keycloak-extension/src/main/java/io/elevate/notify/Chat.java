package io.elevate.notify;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.function.Supplier;

/** The chat channels of the notice outbox (Slack, Teams): the call that delivers one row. */
final class Chat {

    static Chat of() {
        return new Chat();
    }

    Supplier<Outcome> sender(KeycloakSession session, RealmModel realm, NotificationSettings settings,
                             NoticeEntity row, Notice notice) {
        return () -> Outcome.refused("no chat channel " + row.getChannel() + " on this server");
    }
}
