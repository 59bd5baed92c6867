package io.elevate.outbox;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes the due items of an {@link Outbox}, each in three steps: read it (one short transaction), make its call with no
 * transaction open, record the answer (a second short transaction). An item whose step fails (its transaction rolls
 * back) is logged, counted ({@code onFailure}) and taken again at the next run; the other items go on.
 */
public final class OutboxRunner {

    private static final Logger LOG = Logger.getLogger(OutboxRunner.class);

    private final int itemsPerRun;

    /** @param itemsPerRun the most items one run takes; the rest wait for the next run */
    public OutboxRunner(int itemsPerRun) {
        this.itemsPerRun = itemsPerRun;
    }

    /** Returns how many items moved on. The list of due items is read in a transaction of its own. */
    public <K, S, A> int run(KeycloakSessionFactory factory, Outbox<K, S, A> outbox, Instant now, Runnable onFailure) {
        List<K> due = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> outbox.due(session, now, itemsPerRun));
        return runItems(factory, outbox, due, now, onFailure);
    }

    /**
     * Takes the given items as {@link #run} takes due ones (e.g. the rows a transaction just wrote, right after its
     * commit); an item that is no longer due ({@link Outbox#read} empty) is skipped. Returns how many moved on.
     */
    public <K, S, A> int runItems(KeycloakSessionFactory factory, Outbox<K, S, A> outbox, List<K> items, Instant now,
                                  Runnable onFailure) {
        int moved = 0;
        for (K item : items) {
            try {
                if (take(factory, outbox, item, now)) {
                    moved++;
                }
            } catch (RuntimeException e) {
                onFailure.run();
                LOG.warnf(e, "Elevate could not take the due step of %s; it is tried again at the next run",
                        outbox.describe(item));
            }
        }
        return moved;
    }

    private static <K, S, A> boolean take(KeycloakSessionFactory factory, Outbox<K, S, A> outbox, K item,
                                          Instant now) {
        Optional<S> step = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> outbox.read(session, item, now));
        if (step.isEmpty()) {
            return false;
        }
        A answer = outbox.call(step.get());
        return KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> outbox.record(session, item, step.get(), answer, now));
    }
}
