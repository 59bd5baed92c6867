package io.elevate.testing.server;

import java.nio.file.Path;

/**
 * A started Keycloak with Elevate that the suite talks to over HTTP: a child process ({@link KeycloakDistribution}, the
 * default) or a container ({@code ContainerKeycloak}, compiled only in the {@code containers} profile). The tests see
 * only {@link KeycloakServer}, so the same test code runs on either.
 */
interface KeycloakRuntime {

    /** The HTTP base URL, without trailing slash. */
    String baseUrl();

    /** The management interface base URL (health, metrics), without trailing slash. */
    String managementUrl();

    /** The bootstrap administrator of the master realm. */
    AdminCredentials admin();

    /** The file holding Keycloak's console output. */
    Path logFile();

    /** Stops Keycloak; does nothing if it is not running. */
    void stop();
}
