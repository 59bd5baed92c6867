package io.elevate.testing.server;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Runs the Elevate demo: Keycloak with the extension, the themes and the demo realm, on ports 8080 and 9000 (system
 * properties {@code elevate.http.port} and {@code elevate.management.port} override them), until Ctrl-C.
 *
 * <p>The installation lives in {@code .run/keycloak-<version>} under the repository root and is reused, so the demo
 * database survives restarts. Started by {@code ./mvnw -Pdemo} through {@code exec:java}, i.e. inside Maven's JVM:
 * a shutdown hook, not {@code System.exit}, ends Keycloak.
 */
public final class DemoServer {

    private DemoServer() {
    }

    /** Installs and starts Keycloak, and blocks until Keycloak exits. */
    public static void main(String[] args) throws IOException, InterruptedException {
        ElevateBuild build = ElevateBuild.fromSystemProperties();
        Path home = build.root().resolve(".run").resolve("keycloak-" + build.keycloakVersion());
        KeycloakDistribution keycloak = new KeycloakDistribution(build, home,
                Integer.getInteger("elevate.http.port", 8080),
                Integer.getInteger("elevate.management.port", 9000),
                AdminCredentials.DEFAULT);

        keycloak.install();
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "elevate-demo-shutdown"));
        System.out.println("Starting Keycloak " + build.keycloakVersion() + " in " + home + " (log: " + keycloak.logFile() + ") ...");
        Instant starting = Instant.now();
        keycloak.start(Map.of());
        printBanner(keycloak, Duration.between(starting, Instant.now()));

        int exitCode = keycloak.awaitExit();
        System.out.println("Keycloak stopped (exit code " + exitCode + ").");
    }

    private static void printBanner(KeycloakDistribution keycloak, Duration startup) {
        String base = keycloak.baseUrl();
        String realm = base + "/realms/" + DEMO_REALM;
        System.out.printf("%n"
                        + "Elevate demo is up (started in %d s).%n"
                        + "  Admin console     %s/admin/   (%s / %s)%n"
                        + "  Elevation portal  %s/elevation/portal%n"
                        + "  AWS sign-in       %s/protocol/saml/clients/amazon-aws%n"
                        + "  Demo users        operator/operator (asks), approver/approver (approves),"
                        + " auditor/auditor (reads the trail)%n"
                        + "  Server log        %s%n"
                        + "Press Ctrl-C to stop.%n%n",
                startup.toSeconds(), base, keycloak.admin().username(), keycloak.admin().password(),
                realm, realm, keycloak.logFile());
    }
}
