package io.elevate.notify;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;

/** Which chat receivers a notice has under the realm's settings. */
final class ChatReceivers {

    private ChatReceivers() {
    }

    static List<ChatReceiver> of(KeycloakSession session, RealmModel realm, NotificationSettings settings,
                                 Notice notice) {
        return List.of();
    }
}
