package io.elevate.notify;

import io.elevate.ServerClock;
import io.elevate.aws.client.ElevateAws;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The notifiers of a realm: email always (it sends nothing without SMTP settings), then Amazon SNS and the signed
 * webhook when the realm's "Elevate notifications" name them, for the notices chosen there. Each channel is tried in
 * turn; one failing never keeps the next from being tried. Email goes out on the calling thread (it needs the
 * session's mail sender); SNS and the webhook, which need nothing of the session, are handed to Keycloak's executor
 * {@value #EXECUTOR}, so a slow receiver never holds up the API call, portal page or timer run that caused the notice.
 */
public final class Notifiers {

    /** Keycloak's executor of the SNS and webhook deliveries ({@code --spi-executors--default--elevate-notices-max}). */
    static final String EXECUTOR = "elevate-notices";

    private static final Logger LOG = Logger.getLogger(Notifiers.class);

    private Notifiers() {
    }

    public static Notifier of(KeycloakSession session, RealmModel realm) {
        Notifier email = new EmailNotifier(session, realm);
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
                    ServerClock.UTC));
        }
        if (machines.isEmpty()) {
            return email;
        }
        return all(email, inBackground(session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR),
                filtered(settings, all(machines.toArray(Notifier[]::new)))));
    }

    /** Sends on the executor; a notice the executor refuses (shutting down) is logged, never thrown. */
    static Notifier inBackground(Executor executor, Notifier notifier) {
        return notice -> {
            try {
                executor.execute(() -> notifier.send(notice));
            } catch (RejectedExecutionException e) {
                LOG.errorf("The %s notice for %s was not sent to SNS or the webhook: %s", notice.kind(),
                        notice.window().id(), e.getMessage());
            }
        };
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
