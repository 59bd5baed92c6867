package io.elevate.notify;

import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The notifiers of a realm. Email today; SNS and webhooks join here. */
public final class Notifiers {

    private Notifiers() {
    }

    public static Notifier of(KeycloakSession session, RealmModel realm) {
        return new EmailNotifier(session.getProvider(EmailSenderProvider.class), realm.getSmtpConfig());
    }
}
