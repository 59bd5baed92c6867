package io.elevate.outbox;

import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One kind of outbox: rows written in the transaction of the change that needs a call outside Keycloak (AWS), so the
 * call is never lost and never made for a change that was rolled back, and taken later by the {@link OutboxRunner}.
 * Each row keeps its own state, attempts, next attempt and last error; the runner asks for the items due now, and for
 * each item reads what its call needs, makes the call and records the answer, in that order.
 *
 * @param <K> what names a due item (a row's id, or a role whose rows are handled together)
 * @param <S> what the item's call needs, read from its rows
 * @param <A> the call's answer (a failure included)
 */
public interface Outbox<K, S, A> {

    /** The items due at {@code now}, at most {@code max}; run in a transaction of its own. */
    List<K> due(KeycloakSession session, Instant now, int max);

    /** What the item's call needs; empty when it is no longer due. Run in a transaction of its own. */
    Optional<S> read(KeycloakSession session, K item, Instant now);

    /**
     * The call, made with no database transaction open, so a slow AWS never holds a connection or a lock. A failure
     * of the remote side is an answer, not an exception; it touches no row.
     */
    A call(S step);

    /**
     * Records the answer on the item's rows, in a transaction of its own: done, or failed with the next attempt after
     * the {@link Backoff}; audited. Returns whether the item moved on (false when a row changed meanwhile or the call
     * failed).
     */
    boolean record(KeycloakSession session, K item, S step, A answer, Instant now);

    /** The item for the log, e.g. "the revocation policy of arn:aws:iam::…". */
    String describe(K item);
}
