package io.elevate.testing.server;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    private static final String DEMO_WINDOW_USER = "operator";

    private DemoServer() {
    }

    /** Installs and starts Keycloak, opens the demo elevation window, and blocks until Keycloak exits. */
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
        openDemoWindow(build.realmConfig().resolve("demo-window.json"), new AdminApi(keycloak.baseUrl(), keycloak.admin()));

        int exitCode = keycloak.awaitExit();
        System.out.println("Keycloak stopped (exit code " + exitCode + ").");
    }

    private static void printBanner(KeycloakDistribution keycloak, Duration startup) {
        String base = keycloak.baseUrl();
        String realm = base + "/realms/" + DEMO_REALM;
        System.out.printf("%n"
                        + "Elevate demo is up (started in %d s).%n"
                        + "  Admin console     %s/admin/   (%s / %s)%n"
                        + "  AWS sign-in       %s/protocol/saml/clients/amazon-aws%n"
                        + "  Account console   %s/account/%n"
                        + "  Demo users        operator/operator, approver/approver, auditor/auditor%n"
                        + "  Server log        %s%n"
                        + "Press Ctrl-C to stop.%n%n",
                startup.toSeconds(), base, keycloak.admin().username(), keycloak.admin().password(),
                realm, realm, keycloak.logFile());
    }

    /**
     * Opens the window described by {@code windowFile} for the demo operator unless the operator already has an open
     * one. {@code ${now}} and {@code ${now+8h}} in the file become ISO-8601 instants. Failures only print a warning:
     * the demo stays usable without the window.
     */
    private static void openDemoWindow(Path windowFile, AdminApi admin) {
        if (!Files.isRegularFile(windowFile)) {
            return;
        }
        try {
            JsonResponse approved = admin.get(DEMO_REALM + "/elevation/windows?status=approved&user=" + DEMO_WINDOW_USER);
            if (!approved.isSuccessful()) {
                System.err.println("WARNING: could not list the windows of " + DEMO_WINDOW_USER + ": " + approved);
                return;
            }
            for (JsonNode window : approved.body()) {
                if (window.path("open").asBoolean()) {
                    System.out.println("Demo window: " + DEMO_WINDOW_USER + " already has an open window, until "
                            + window.path("endsAt").asText() + ".");
                    return;
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String window = Files.readString(windowFile)
                    .replace("${now+8h}", now.plus(Duration.ofHours(8)).toString())
                    .replace("${now}", now.toString());
            JsonResponse created = admin.post(DEMO_REALM + "/elevation/windows", window);
            if (created.isSuccessful()) {
                System.out.println("Demo window opened for " + DEMO_WINDOW_USER + " until "
                        + created.body().path("endsAt").asText() + " (id " + created.body().path("id").asText() + ").");
            } else {
                System.err.println("WARNING: the demo window was refused: " + created);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("WARNING: could not open the demo window: " + e);
        }
    }
}
