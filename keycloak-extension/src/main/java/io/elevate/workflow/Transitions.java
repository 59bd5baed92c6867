package io.elevate.workflow;

import io.elevate.audit.AuditLog;
import io.elevate.audit.ElevationEvents;
import io.elevate.metrics.ElevateMetrics;
import io.elevate.notify.Notice;
import io.elevate.notify.Notifier;
import io.elevate.window.ElevationWindow;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a transition three ways in the same transaction (Elevate's audit row, a Keycloak admin event) and tells
 * people once the transaction has committed, so a rolled-back change never sends a mail nor moves the
 * {@code elevate_requests_total} counter.
 */
final class Transitions {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Notifier notifier;
    private final String portalUrl;

    Transitions(KeycloakSession session, RealmModel realm, Notifier notifier, String portalUrl) {
        this.session = session;
        this.realm = realm;
        this.notifier = notifier;
        this.portalUrl = portalUrl;
    }

    void record(String action, ElevationWindow window, Caller caller, String why, Instant now) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("action", action);
        detail.put("status", window.status().name());
        detail.put("requester", window.userId());
        detail.put("actor", caller.name());
        if (why != null) {
            detail.put("reason", why);
        }
        new AuditLog(session, realm).record(action, window.id(), caller.actor(), describe(detail), now);
        new ElevationEvents(session, realm).publish(window.id(), action, detail, caller.user(), caller.client(),
                caller.token(), caller.ipAddress());
        ElevateMetrics.transitionAfterCommit(session, action);
    }

    void tellAfterCommit(Notice.Kind kind, ElevationWindow window, List<UserModel> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        UserModel requester = session.users().getUserById(realm, window.userId());
        Notice notice = new Notice(kind, window, person(requester), recipients.stream().map(Transitions::person).toList(),
                portalUrl);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                notifier.send(notice);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    static Notice.Person person(UserModel user) {
        if (user == null) {
            return new Notice.Person("(deleted user)", "(deleted user)", null);
        }
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return new Notice.Person(user.getUsername(), name.isEmpty() ? user.getUsername() : name, user.getEmail());
    }

    private static String describe(Map<String, String> detail) {
        String text = detail.toString();
        return text.length() > 2000 ? text.substring(0, 1999) + "…" : text;
    }
}
