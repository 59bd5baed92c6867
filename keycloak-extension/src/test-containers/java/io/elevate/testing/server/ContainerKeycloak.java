package io.elevate.testing.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * Keycloak with Elevate in a container, through testcontainers-keycloak: the {@code quay.io/keycloak/keycloak} image of
 * the build's Keycloak version with what {@code docker/Dockerfile} adds (the built provider jar, the themes, the realm
 * imports, declarative-ui, health and metrics), run by {@code start-dev} with the suite's options.
 *
 * <p>Compiled only in the {@code containers} profile ({@code src/test-containers/java}), so the default build needs
 * neither Docker nor testcontainers; {@link KeycloakServer} looks it up by name. Services the tests run on this
 * machine's loopback are forwarded into the container ({@code host.testcontainers.internal}) when an option names
 * them, as the IAM stand-in's endpoint does.
 */
final class ContainerKeycloak implements KeycloakRuntime {

    static final String NO_DOCKER = "No Docker engine answers: the containers profile needs Docker; run ./mvnw verify"
            + " for the process-based suite";

    private static final Pattern LOOPBACK = Pattern.compile("http://(?:127\\.0\\.0\\.1|localhost):(\\d+)");
    private static final String HOST = "host.testcontainers.internal";
    private static final String IMPORT = "/opt/keycloak/data/import/";

    private final KeycloakContainer container;
    private final Path logFile;

    private ContainerKeycloak(KeycloakContainer container, Path logFile) {
        this.container = container;
        this.logFile = logFile;
    }

    /** The extension jar, and the test-only clock provider when the build made it (see ServerTime). */
    private static List<java.io.File> providers(ElevateBuild build) {
        List<java.io.File> jars = new java.util.ArrayList<>(List.of(build.extensionJar().toFile()));
        String clock = System.getProperty(ServerTime.JAR);
        if (clock != null && Files.isRegularFile(Path.of(clock))) {
            jars.add(Path.of(clock).toFile());
        }
        return jars;
    }

    /** Why no container can run here ({@link #NO_DOCKER}), or null when a Docker engine answers. */
    public static String unavailable() {
        return DockerClientFactory.instance().isDockerAvailable() ? null : NO_DOCKER;
    }

    /**
     * Starts the container and waits until Keycloak is ready; aborts the calling tests (skipped, not failed) when no
     * Docker engine answers.
     *
     * @param options Keycloak options, by name without the leading dashes
     * @param environment further environment variables for the server
     */
    public static ContainerKeycloak start(ElevateBuild build, Map<String, String> options,
                                          Map<String, String> environment) throws IOException {
        Assumptions.assumeTrue(unavailable() == null, NO_DOCKER);
        AdminCredentials admin = AdminCredentials.DEFAULT;
        Path logFile = build.buildDirectory().resolve("keycloak-container.log");
        Files.writeString(logFile, "", UTF_8, CREATE, APPEND);

        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + build.keycloakVersion())
                .withProviderLibsFrom(providers(build))
                .withFeaturesEnabled("declarative-ui")
                .withEnabledMetrics()
                .withAdminUsername(admin.username())
                .withAdminPassword(admin.password())
                .withCustomCommand("--import-realm");
        try (Stream<Path> themes = Files.list(build.themes())) {
            for (Path theme : themes.filter(Files::isDirectory).toList()) {
                container.withCopyFileToContainer(MountableFile.forHostPath(theme),
                        "/opt/keycloak/themes/" + theme.getFileName());
            }
        }
        try (Stream<Path> realms = Files.list(build.realmConfig())) {
            for (Path realm : realms.filter(f -> f.getFileName().toString().endsWith("-realm.json")).toList()) {
                container.withCopyFileToContainer(MountableFile.forHostPath(realm), IMPORT + realm.getFileName());
            }
        }
        options.forEach((name, value) -> container.withCustomCommand("--" + name + "=" + reachable(value)));
        environment.forEach(container::withEnv);
        container.withLogConsumer(frame -> append(logFile, frame.getUtf8String()));
        container.start();
        return new ContainerKeycloak(container, logFile);
    }

    /** An option naming a service on this machine's loopback, rewritten to reach it from inside the container. */
    private static String reachable(String value) {
        Matcher loopback = LOOPBACK.matcher(value);
        if (!loopback.find()) {
            return value;
        }
        Testcontainers.exposeHostPorts(Integer.parseInt(loopback.group(1)));
        return loopback.replaceAll("http://" + HOST + ":$1");
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, UTF_8, CREATE, APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String baseUrl() {
        return "http://" + container.getHost() + ":" + container.getHttpPort();
    }

    @Override
    public String managementUrl() {
        return "http://" + container.getHost() + ":" + container.getHttpMgmtPort();
    }

    @Override
    public AdminCredentials admin() {
        return AdminCredentials.DEFAULT;
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public void stop() {
        container.stop();
    }
}
