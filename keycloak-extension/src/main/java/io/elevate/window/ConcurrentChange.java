package io.elevate.window;

import jakarta.persistence.PersistenceException;

/**
 * Recognises a lost race: another transaction changed the same window first (optimistic lock) or recorded the same
 * approval (primary key). Keycloak wraps such errors in its own model exceptions, so the whole cause chain is read.
 */
public final class ConcurrentChange {

    private ConcurrentChange() {
    }

    public static boolean isCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }
}
