package io.elevate.window;

import jakarta.persistence.PersistenceException;

import java.sql.SQLException;

/**
 * The database did not answer a question a sign-in depends on. The gate and the SAML mapper treat it as "no window":
 * a sign-in that cannot be checked is refused, never let through without its tags or with stale ones.
 *
 * <p>Keycloak's connection pool, Hibernate and Keycloak's model layer each wrap the JDBC failure in their own
 * exception, so callers recognise it anywhere in the cause chain with {@link #isCause(Throwable)}. The store keeps no
 * state of its own: once the database answers again, so does the next sign-in.
 */
public final class StoreUnavailable extends RuntimeException {

    StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code error}, or one of its causes, is a failure to reach or use the database (JPA or JDBC). */
    public static boolean isCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailable || cause instanceof PersistenceException
                    || cause instanceof SQLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
