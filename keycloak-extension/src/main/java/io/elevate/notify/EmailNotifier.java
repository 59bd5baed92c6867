package io.elevate.notify;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;

import java.util.Map;

/** Email through the realm's SMTP settings (Realm settings → Email). Without SMTP settings it sends nothing. */
public final class EmailNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(EmailNotifier.class);

    private final EmailSenderProvider sender;
    private final Map<String, String> smtp;

    public EmailNotifier(EmailSenderProvider sender, Map<String, String> smtp) {
        this.sender = sender;
        this.smtp = smtp;
    }

    @Override
    public void send(Notice notice) {
        if (smtp == null || smtp.get("host") == null) {
            LOG.debugf("No SMTP settings in the realm; %s notice for %s not emailed", notice.kind(), notice.window().id());
            return;
        }
        NoticeText text = NoticeText.of(notice);
        for (Notice.Person recipient : notice.recipients()) {
            if (recipient.email() == null || recipient.email().isBlank()) {
                LOG.warnf("%s has no email address; %s notice for %s not emailed", recipient.username(),
                        notice.kind(), notice.window().id());
                continue;
            }
            try {
                sender.send(smtp, recipient.email(), text.subject(), text.body(), text.html());
            } catch (EmailException | RuntimeException e) {
                LOG.errorf(e, "Could not email the %s notice for %s to %s", notice.kind(), notice.window().id(),
                        recipient.email());
            }
        }
    }
}
