package io.elevate.testing.server;

import java.nio.file.Path;

/**
 * The build outputs and repository folders the harness works with, as Maven hands them over in {@code elevate.*}
 * system properties (failsafe for the integration tests, exec-maven-plugin for the demo).
 *
 * @param keycloakDistribution the {@code keycloak-quarkus-dist} zip ({@code elevate.keycloak.dist})
 * @param keycloakVersion      the Keycloak version of that zip ({@code elevate.keycloak.version})
 * @param extensionJar         the built Elevate provider jar ({@code elevate.extension.jar})
 * @param root                 the repository root, holding {@code themes/} and {@code realm-config/} ({@code elevate.root})
 */
public record ElevateBuild(Path keycloakDistribution, String keycloakVersion, Path extensionJar, Path root) {

    /** The realm defined by {@code realm-config/elevate-demo-realm.json}; Keycloak counts as started once it is served. */
    public static final String DEMO_REALM = "elevate-demo";

    /** Reads the build from the {@code elevate.*} system properties, failing with a hint when one is missing. */
    public static ElevateBuild fromSystemProperties() {
        return new ElevateBuild(
                path("elevate.keycloak.dist"),
                property("elevate.keycloak.version"),
                path("elevate.extension.jar"),
                path("elevate.root"));
    }

    /** The extension module's build directory ({@code target/}), where the jar is built and tests leave their files. */
    public Path buildDirectory() {
        return extensionJar.getParent();
    }

    /** The folder whose sub-folders are Keycloak themes. */
    public Path themes() {
        return root.resolve("themes");
    }

    /** The folder holding the realm exports ({@code *-realm.json}) and demo data. */
    public Path realmConfig() {
        return root.resolve("realm-config");
    }

    private static Path path(String name) {
        return Path.of(property(name)).toAbsolutePath().normalize();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run through Maven "
                    + "(failsafe or the demo profile), which sets it, or pass -D" + name + "=...");
        }
        return value;
    }
}
