package io.elevate.workflow;

import io.elevate.ServerClock;
import io.elevate.audit.Actor;
import io.elevate.audit.AuditLog;
import io.elevate.audit.ElevationEvents;
import io.elevate.metrics.ElevateMetrics;
import io.elevate.notify.Notice;
import io.elevate.notify.Notifier;
import io.elevate.window.ConcurrentChange;
import io.elevate.window.ElevationWindow;
import io.elevate.window.StoreUnavailable;
import io.elevate.window.WindowStore;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The transition core: every change of a request, whoever asks (API, portal, CLI, admin, timers), runs through
 * {@link #run} and, for an existing request, {@link #locked}. It
 * <ul>
 *   <li>takes the request's row before any check, bumping its version and holding its write lock to the end of the
 *       transaction, so that concurrent changes of one request happen one after the other, each on the state the one
 *       before left (a vote is never lost, a quorum is met exactly once);</li>
 *   <li>records each change in the same transaction: Elevate's audit row and a Keycloak admin event
 *       ({@link #record}) and its notices, as rows of the notice outbox delivered after commit
 *       ({@link #tellAfterCommit}); the {@code elevate_requests_total} counter after commit, so a rolled-back change
 *       tells no one;</li>
 *   <li>on a refusal marks the transaction rollback-only, so nothing a refused step touched is kept;</li>
 *   <li>classifies failures by what happened: a lost race (optimistic lock, lock timeout, duplicate key, deadlock)
 *       is a 409, the database failing otherwise is a 503, anything else a bug that propagates (500, logged).</li>
 * </ul>
 */
final class Transitions {

    private static final Logger LOG = Logger.getLogger(Transitions.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WindowStore store;
    private final Notifier notifier;
    private final String portalUrl;

    Transitions(KeycloakSession session, RealmModel realm, WindowStore store, Notifier notifier, String portalUrl) {
        this.session = session;
        this.realm = realm;
        this.store = store;
        this.notifier = notifier;
        this.portalUrl = portalUrl;
    }

    /** Runs one workflow step in the current transaction; see the class comment for what it guarantees. */
    Outcome run(Supplier<Outcome> step) {
        Outcome outcome;
        try {
            outcome = step.get();
            if (outcome instanceof Outcome.Done) {
                // write now, not at commit after the answer: a failure is then classified here like any other
                session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
            }
        } catch (RuntimeException error) {
            if (ConcurrentChange.isCause(error)) {
                LOG.debugf(error, "A workflow step in realm %s lost a race", realm.getName());
                outcome = Outcome.conflict("someone changed this request at the same moment; read it again");
            } else if (StoreUnavailable.isCause(error)) {
                LOG.warnf(error, "A workflow step in realm %s failed in the database", realm.getName());
                outcome = Outcome.storeUnavailable();
            } else {
                throw error;
            }
        }
        if (outcome instanceof Outcome.Refused) {
            session.getTransactionManager().setRollbackOnly();
        }
        return outcome;
    }

    /**
     * Runs a step on the request {@code id} of this realm, taken for change ({@link WindowStore#lockForChange}), with
     * {@code notFound} as the 404's message when the realm has no such request.
     */
    Outcome locked(String id, String notFound, Function<ElevationWindow, Outcome> step) {
        return run(() -> {
            Optional<ElevationWindow> window = store.lockForChange(id);
            return window.isEmpty() ? Outcome.notFound(notFound) : step.apply(window.get());
        });
    }

    /** The records of a window's creation, which name what the window grants. */
    private static final java.util.Set<String> CREATIONS = java.util.Set.of("REQUESTED", "AUTO_APPROVED",
            "BREAK_GLASS");

    void record(String action, ElevationWindow window, Caller caller, String why, Instant now) {
        record(action, window, caller, why, now, Map.of());
    }

    /** {@link #record}, with more detail for the audit row and event (the approval stage, the rule that decided). */
    void record(String action, ElevationWindow window, Caller caller, String why, Instant now,
                Map<String, String> extra) {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("action", action);
        detail.put("status", window.status().name());
        detail.put("requester", window.userId());
        detail.put("actor", caller.name());
        Map<String, String> rest = new LinkedHashMap<>(extra);
        if (CREATIONS.contains(action)) {
            // what the new window grants beyond its target: the policy's choices fixed on it
            if (window.target().roleChaining()) {
                rest.put("roleChaining", "allowed");
            }
            if (window.target().runAsUser() != null) {
                rest.put("runAsUser", window.target().runAsUser());
            }
        }
        if (why != null) {
            rest.put("reason", why);
        }
        detail.putAll(ordered(rest));
        AuditLog audit = ElevationStore.of(session).audit(realm);
        audit.recordOn(action, window, caller.actor(), describe(detail), auditTime(audit, window.id(), now));
        new ElevationEvents(session, realm).publish(window.id(), action, detail, caller.user(), caller.client(),
                caller.token(), caller.ipAddress());
        ElevateMetrics.transitionAfterCommit(session, action);
        notifier.changed(window); // chat messages about the request follow its state
    }

    /**
     * When a change is written to the audit trail: when it was made, which is after this transaction took the row (a
     * step that waited for the lock is written after the step it waited for), and always after the window's previous
     * record, so that a request's trail reads in the order its changes happened even within one millisecond. The row
     * lock keeps any other change of the window from writing in between.
     */
    private static Instant auditTime(AuditLog audit, String windowId, Instant now) {
        Instant at = now.isAfter(ServerClock.UTC.instant()) ? now : ServerClock.UTC.instant();
        Optional<Instant> latest = audit.latest(windowId);
        return latest.isPresent() && !at.isAfter(latest.get()) ? latest.get().plusMillis(1) : at;
    }

    /**
     * Records a refusal that leaves no window (a policy's deny rule, a rule that failed to evaluate) in the audit
     * trail. The refused step's transaction is rolled back, so the row is written in a transaction of its own once that
     * one has ended, whichever way.
     */
    void recordRefusal(String action, Caller caller, Map<String, String> detail, Instant now) {
        String realmId = realm.getId();
        Actor actor = caller.actor();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("action", action);
        all.put("actor", caller.name());
        all.putAll(ordered(detail));
        String text = describe(all);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                write();
            }

            @Override
            protected void rollbackImpl() {
                write();
            }

            private void write() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, s -> {
                        RealmModel r = s.realms().getRealm(realmId);
                        if (r != null) {
                            ElevationStore.of(s).audit(r).record(action, null, actor, text, now);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Could not audit %s in realm %s: %s", action, realmId, text);
                }
            }
        });
    }

    /**
     * Tells of the change after commit: emails to the recipients, and the realm's other channels (Slack, Teams, SNS,
     * webhook) whoever the recipients are; no recipients only means no emails.
     */
    void tellAfterCommit(Notice.Kind kind, ElevationWindow window, List<UserModel> recipients) {
        UserModel requester = session.users().getUserById(realm, window.userId());
        Notice notice = new Notice(kind, window, person(requester), recipients.stream().map(Transitions::person).toList(),
                portalUrl);
        // written to the notice outbox in this transaction: delivered after commit, never for a rolled-back change
        notifier.send(notice);
    }

    static Notice.Person person(UserModel user) {
        if (user == null) {
            return new Notice.Person("(deleted user)", "(deleted user)", null);
        }
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return new Notice.Person(user.getUsername(), name.isEmpty() ? user.getUsername() : name, user.getEmail());
    }

    /** The keys {@link io.elevate.audit.TransitionDetail} reads, in the order it reads them (after the fixed head). */
    private static final List<String> FIRST = List.of("policy", "stage", "rule", "decision");
    /** The person's own words (or an error's), which may hold anything, so always written last. */
    private static final List<String> LAST = List.of("error", "reason");

    /** A detail's extra keys in a fixed order: the known ones first, the free text last, others sorted between. */
    static Map<String, String> ordered(Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>();
        FIRST.stream().filter(extra::containsKey).forEach(k -> out.put(k, extra.get(k)));
        extra.keySet().stream().filter(k -> !FIRST.contains(k) && !LAST.contains(k)).sorted()
                .forEach(k -> out.put(k, extra.get(k)));
        LAST.stream().filter(extra::containsKey).forEach(k -> out.put(k, extra.get(k)));
        return out;
    }

    /**
     * The stored text of a transition's detail. A person's reason (at most 1,024 code points, up to 2,048 characters)
     * and the record's own fields fit whole; only a detail no valid input makes is cut, marked with "…".
     */
    static String describe(Map<String, String> detail) {
        String text = detail.toString();
        if (text.length() <= AuditLog.MAX_DETAIL) {
            return text;
        }
        int cut = AuditLog.MAX_DETAIL - 1;
        return text.substring(0, Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut) + "…";
    }
}
