package io.elevate.notify;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The notifiers of a realm: every notice is written to the notice outbox (email to each recipient when the realm has
 * SMTP settings; Amazon SNS, the signed webhook, Slack and Teams when the realm's "Elevate notifications" name them,
 * for the notices chosen there), one row per receiver, so one failing receiver never keeps another from being told.
 * The first delivery runs on Keycloak's executor {@value #EXECUTOR} right after the commit, so a slow receiver never
 * holds up the API call, portal page or timer run that caused the notice; Elevate's timer retries what failed.
 */
public final class Notifiers {

    /** Keycloak's executor of the SNS and webhook deliveries ({@code --spi-executors--default--elevate-notices-max}). */
    static final String EXECUTOR = "elevate-notices";

    private static final Logger LOG = Logger.getLogger(Notifiers.class);

    private Notifiers() {
    }

    /**
     * The notifier of a realm: it writes each notice to the durable {@link NoticeOutbox} in the caller's transaction
     * (one row per receiver), delivered after the commit and retried by Elevate's timer.
     */
    public static Notifier of(KeycloakSession session, RealmModel realm) {
        return new OutboxNotifier(session, realm, RealmNotifications.of(realm));
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
}
