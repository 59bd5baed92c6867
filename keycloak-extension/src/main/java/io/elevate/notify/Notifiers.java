package io.elevate.notify;

import io.elevate.aws.client.ElevateAws;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifiers of a realm: email always (it sends nothing without SMTP settings), then Amazon SNS and the signed
 * webhook when the realm's "Elevate notifications" name them, for the notices chosen there. Each channel is tried in
 * turn; one failing never keeps the next from being tried.
 */
public final class Notifiers {

    private static final Logger LOG = Logger.getLogger(Notifiers.class);

    private Notifiers() {
    }

    public static Notifier of(KeycloakSession session, RealmModel realm) {
        Notifier email = new EmailNotifier(session.getProvider(EmailSenderProvider.class), realm.getSmtpConfig());
        NotificationSettings settings = RealmNotifications.of(realm);
        List<Notifier> machines = new ArrayList<>();
        if (settings.snsTopicArn() != null) {
            ElevateAws aws = session.getProvider(ElevateAws.class);
            if (aws != null && aws.enabled()) {
                machines.add(new SnsNotifier(aws.clients()::sns, settings.snsTopicArn(), realm.getName()));
            } else {
                LOG.warnf("Realm %s names the SNS topic %s, but AWS is not enabled on this server "
                        + "(--spi-elevate-aws--default--enabled): no notice goes to SNS", realm.getName(),
                        settings.snsTopicArn());
            }
        }
        if (settings.webhookUrl() != null && settings.signingKey() != null) {
            String issuer = settings.issuer() != null ? settings.issuer()
                    : NotificationsPageFactory.realmUrl(session, realm);
            machines.add(new WebhookNotifier(settings.webhookUrl(), settings.signingKey(),
                    issuer != null ? issuer : "urn:elevate:realm:" + realm.getName(), realm.getName(),
                    Clock.systemUTC()));
        }
        if (machines.isEmpty()) {
            return email;
        }
        return all(email, filtered(settings, all(machines.toArray(Notifier[]::new))));
    }

    /** Each notifier in turn; a runtime exception of one (a broken contract) is logged and the next still runs. */
    static Notifier all(Notifier... notifiers) {
        return notice -> {
            for (Notifier notifier : notifiers) {
                try {
                    notifier.send(notice);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "%s failed on the %s notice for %s", notifier.getClass().getSimpleName(),
                            notice.kind(), notice.window().id());
                }
            }
        };
    }

    private static Notifier filtered(NotificationSettings settings, Notifier notifier) {
        return notice -> {
            if (settings.wants(notice.kind())) {
                notifier.send(notice);
            }
        };
    }
}
