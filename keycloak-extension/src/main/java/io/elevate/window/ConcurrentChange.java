package io.elevate.window;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a lost race: another transaction changed the same row first (optimistic lock), held its lock too long
 * (lock timeout), wrote the same key (unique or primary key), or the database chose this transaction as a deadlock or
 * serialization victim. Only these are a 409; any other database failure is the store failing (a 503, see
 * {@link StoreUnavailable}), never reported as a race. Keycloak and Hibernate wrap such errors in their own exceptions,
 * so the whole cause chain is read.
 */
public final class ConcurrentChange {

    /**
     * SQLSTATEs of a lost race: 23505 unique violation (a key written twice), 40001 serialization failure,
     * 40P01 deadlock (PostgreSQL), 55P03 lock not available (PostgreSQL), HYT00 lock timeout (H2). Other integrity
     * violations (a null where none is allowed, a value too long) are not races.
     */
    private static final Set<String> RACE_STATES = Set.of("23505", "40001", "40P01", "55P03", "HYT00");

    private ConcurrentChange() {
    }

    public static boolean isCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof PessimisticLockException
                    || cause instanceof LockTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && RACE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
