package io.elevate.notify;

import io.elevate.ServerClock;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes a notice to the {@link NoticeOutbox} in the caller's transaction, one row per receiver: each recipient with
 * an email address (when the realm has SMTP settings), and, for the kinds of notice the realm's settings choose, the
 * SNS topic, the webhook, Slack and Teams. After the commit the rows are handed to Keycloak's executor
 * {@value Notifiers#EXECUTOR} for a first delivery at once; what fails there (or is never tried, the server stopping)
 * is taken by Elevate's timer.
 */
final class OutboxNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(OutboxNotifier.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final NotificationSettings settings;
    private final List<String> written = new ArrayList<>();
    private final Set<String> updated = new HashSet<>();

    OutboxNotifier(KeycloakSession session, RealmModel realm, NotificationSettings settings) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
    }

    @Override
    public void send(Notice told) {
        NoticeOutbox outbox = new NoticeOutbox(session);
        // a change made with no request at hand (the timer, the admin API) links where the request's notices linked
        Notice notice = told.portalUrl() != null ? told : outbox.portalUrlOf(told.window().id())
                .map(url -> new Notice(told.kind(), told.window(), told.requester(), told.recipients(), url))
                .orElse(told);
        Instant now = ServerClock.UTC.instant();
        List<String> ids = new ArrayList<>();
        if (EmailNotifier.configured(realm)) {
            for (Notice.Person recipient : notice.recipients()) {
                if (recipient.email() == null || recipient.email().isBlank()) {
                    LOG.warnf("%s has no email address; %s notice for %s not emailed", recipient.username(),
                            notice.kind(), notice.window().id());
                } else {
                    ids.add(outbox.enqueue(realm, notice, NoticeChannel.EMAIL, recipient.username(), now));
                }
            }
        }
        if (settings.wants(notice.kind())) {
            if (settings.snsTopicArn() != null) {
                ids.add(outbox.enqueue(realm, notice, NoticeChannel.SNS, settings.snsTopicArn(), now));
            }
            if (settings.webhookUrl() != null && settings.signingKey() != null) {
                ids.add(outbox.enqueue(realm, notice, NoticeChannel.WEBHOOK, WebhookUrls.shown(settings.webhookUrl()),
                        now));
            }
            for (ChatReceiver receiver : ChatReceivers.of(realm, settings.chat(), notice, stageHandOff(outbox, notice))) {
                ids.add(outbox.enqueue(realm, notice, receiver.channel(), receiver.name(), now));
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        if (written.isEmpty()) {
            afterCommit();
        }
        written.addAll(ids);
    }

    /**
     * Whether a REQUESTED notice tells the next stage's approvers of a request already posted to Slack (its round has
     * approvals already): then the channel's message is rewritten ({@link #changed}), not posted again.
     */
    private boolean stageHandOff(NoticeOutbox outbox, Notice notice) {
        if (notice.kind() != Notice.Kind.REQUESTED || !settings.chat().slack()) {
            return false;
        }
        int round = notice.window().request().round();
        return new WindowStore(session, realm).approvals(notice.window().id()).stream()
                .anyMatch(a -> a.round() == round) && outbox.firstSlackPost(notice.window().id()).isPresent();
    }

    /**
     * A request changed (any transition): when Slack messages were posted about it, one row rewrites them all to show
     * its state now (one per transaction and request).
     */
    @Override
    public void changed(ElevationWindow window) {
        if (!settings.chat().slack() || !updated.add(window.id())) {
            return;
        }
        NoticeOutbox outbox = new NoticeOutbox(session);
        outbox.firstSlackPost(window.id()).ifPresent(post -> {
            written.add(outbox.enqueueUpdate(post, SlackSender.UPDATE, ServerClock.UTC.instant()));
            if (written.size() == 1) {
                afterCommit();
            }
        });
    }

    /** Once the transaction committed, the rows it wrote go out on the executor; the timer retries what fails. */
    private void afterCommit() {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                List<String> ids = List.copyOf(written);
                try {
                    executor().execute(() -> NoticeDelivery.of(factory).runNow(ids));
                } catch (RejectedExecutionException e) {
                    LOG.debugf("%d notice(s) wait for Elevate's timer: %s", ids.size(), e.getMessage());
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private Executor executor() {
        return session.getProvider(ExecutorsProvider.class).getExecutor(Notifiers.EXECUTOR);
    }
}
