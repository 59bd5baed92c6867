package io.elevate.testing.server;

import java.util.Objects;

/**
 * The master-realm administrator Keycloak bootstraps on first start and the harness signs in with.
 *
 * @param username the bootstrap admin's username
 * @param password the bootstrap admin's password
 */
public record AdminCredentials(String username, String password) {

    /** {@code admin} / {@code admin}, used by the tests and the demo. */
    public static final AdminCredentials DEFAULT = new AdminCredentials("admin", "admin");

    /** Validates that both parts are present. */
    public AdminCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "AdminCredentials[username=" + username + ", password=***]";
    }
}
