package io.elevate.notify;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.HashMap;
import java.util.Map;

/**
 * Email through the realm's SMTP settings (Realm settings → Email) and Keycloak's email templating: the realm's email
 * theme renders {@code html/elevate-notice.ftl} and {@code text/elevate-notice.ftl} (shipped in this jar under
 * {@code theme-resources/templates}, overridable by an email theme) with the messages {@code elevateNotice*}, in each
 * recipient's locale (their profile's, else the realm's default; never the browser of whoever caused the notice).
 * Without SMTP settings it sends nothing.
 */
public final class EmailNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(EmailNotifier.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public EmailNotifier(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public void send(Notice notice) {
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null) {
            LOG.debugf("No SMTP settings in the realm; %s notice for %s not emailed", notice.kind(), notice.window().id());
            return;
        }
        NoticeText text = NoticeText.of(notice);
        String realmId = realm.getId();
        try {
            // notices go out after the change is committed: users, realm and theme are read in a transaction of
            // their own, which only reads
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), job -> {
                RealmModel jobRealm = job.realms().getRealm(realmId);
                job.getContext().setRealm(jobRealm); // the realm's email theme and locale settings
                for (Notice.Person recipient : notice.recipients()) {
                    send(job, jobRealm, notice, text, recipient);
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not email the %s notice for %s", notice.kind(), notice.window().id());
        }
    }

    /** Whether the realm has SMTP settings, without which no email is sent. */
    static boolean configured(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null;
    }

    /**
     * Emails one recipient in {@code session} (a transaction of the caller's that only reads); returns null once the
     * mail server took it, else why not, marked {@link Outcome#permanent} when trying again cannot help.
     */
    static Outcome deliver(KeycloakSession session, RealmModel realm, Notice notice, Notice.Person recipient) {
        if (!configured(realm)) {
            return Outcome.failed("the realm has no SMTP settings (Realm settings → Email)");
        }
        session.getContext().setRealm(realm);
        String error = send(session, realm, notice, NoticeText.of(notice), recipient);
        return error == null ? Outcome.OK : Outcome.failed(error);
    }

    private static String send(KeycloakSession session, RealmModel realm, Notice notice, NoticeText text,
                               Notice.Person recipient) {
        if (recipient.email() == null || recipient.email().isBlank()) {
            LOG.warnf("%s has no email address; %s notice for %s not emailed", recipient.username(),
                    notice.kind(), notice.window().id());
            return null;
        }
        UserModel user = session.users().getUserByUsername(realm, recipient.username());
        if (user == null) {
            LOG.warnf("%s is no longer a user of realm %s; %s notice for %s not emailed", recipient.username(),
                    realm.getName(), notice.kind(), notice.window().id());
            return null;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("notice", text.fields());
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, Boolean.TRUE.toString());
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(text.subjectKey(), text.subjectAttributes(), NoticeText.TEMPLATE, attributes,
                            recipient.email());
            return null;
        } catch (EmailException | RuntimeException e) {
            LOG.errorf(e, "Could not email the %s notice for %s to %s", notice.kind(), notice.window().id(),
                    recipient.email());
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }
}
