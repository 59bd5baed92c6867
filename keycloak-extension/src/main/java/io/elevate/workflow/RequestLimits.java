package io.elevate.workflow;

import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A policy's limits on one user: requests waiting for a decision at once ({@link ElevationPolicy#maxPendingRequests()})
 * and break-glass windows in any 24 hours ({@link ElevationPolicy#maxBreakGlassPerDay()}). Each check holds the user's
 * new requests until the transaction ends ({@link WindowStore#holdRequestsOf}), so a burst of concurrent requests
 * cannot all pass one count. A refusal is a 429 with the time until asking again can succeed, and is audited in a
 * transaction of its own (the refused step's own transaction is rolled back).
 */
final class RequestLimits {

    static final Duration BREAK_GLASS_PERIOD = Duration.ofHours(24);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WindowStore store;

    RequestLimits(KeycloakSession session, RealmModel realm, WindowStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
    }

    Optional<Outcome> pending(Caller caller, ElevationPolicy policy, Instant now) {
        store.holdRequestsOf(caller.user().getId());
        List<Instant> expiries = store.pendingOf(caller.user().getId(), policy.id()).stream()
                .map(w -> w.request().expiresAt())
                .filter(expiry -> expiry != null && expiry.isAfter(now))
                .sorted()
                .toList();
        if (expiries.size() < policy.maxPendingRequests()) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, expiries.get(expiries.size() - policy.maxPendingRequests()));
        return Optional.of(refuse(caller, "REQUEST_LIMITED", "you already have " + expiries.size()
                + " request(s) waiting under " + policy.name() + ", the most this policy allows; wait for a decision"
                + " or cancel one", policy, wait, now));
    }

    Optional<Outcome> breakGlass(Caller caller, ElevationPolicy policy, Instant now) {
        store.holdRequestsOf(caller.user().getId());
        List<Instant> opened = store.breakGlassOpenedSince(caller.user().getId(), policy.id(),
                now.minus(BREAK_GLASS_PERIOD));
        if (opened.size() < policy.maxBreakGlassPerDay()) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now,
                opened.get(opened.size() - policy.maxBreakGlassPerDay()).plus(BREAK_GLASS_PERIOD));
        return Optional.of(refuse(caller, "BREAK_GLASS_LIMITED", "you opened " + opened.size()
                + " break-glass window(s) under " + policy.name() + " in the last 24 hours, the most this policy"
                + " allows", policy, wait, now));
    }

    /** The audit detail of a limit's refusal; a break-glass one says so, for the history's break-glass filter. */
    static String detail(String action, String policyId, String actor, Duration retryAfter) {
        return "{action=" + action + ", policy=" + policyId + ", actor=" + actor
                + (action.equals("BREAK_GLASS_LIMITED") ? ", breakGlass=true" : "")
                + ", retryAfterSeconds=" + Math.max(1, retryAfter.toSeconds()) + "}";
    }

    private Outcome refuse(Caller caller, String action, String message, ElevationPolicy policy, Duration wait,
                           Instant now) {
        Duration retryAfter = wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
        String detail = detail(action, policy.id(), caller.name(), retryAfter);
        String realmId = realm.getId();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), audit ->
                ElevationStore.of(audit).audit(audit.realms().getRealm(realmId)).record(action, null, caller.actor(), detail, now));
        return Outcome.tooMany(message, retryAfter);
    }
}
