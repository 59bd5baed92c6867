package io.elevate.testing.server;

import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.IamContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension running one Keycloak, with Elevate installed, shared by every test class of the run.
 *
 * <p>Use {@code @ExtendWith(KeycloakServer.class)}; test methods, lifecycle methods and constructors can then take a
 * {@code KeycloakServer} or an {@link AdminApi} parameter. The first test class to need the server installs it afresh
 * in {@code keycloak-extension/target/keycloak-it} and starts it on free ports (about a minute); it is stopped when
 * the run ends. Its console output is in {@link #logFile()}, which is named on standard error when a test fails.
 *
 * <p>Keycloak's database is H2 unless the run says {@code -Delevate.test.database=postgres}: see {@link Database}.
 */
public final class KeycloakServer implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final Namespace NAMESPACE = Namespace.create(KeycloakServer.class);
    private static final String HOME = "keycloak-extension/target/keycloak-it";

    private volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        bind(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == AdminApi.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running server = bind(context);
        return parameter.getParameter().getType() == AdminApi.class ? server.adminApi : this;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Running server = running;
        if (server != null) {
            System.err.println("Keycloak log: " + server.keycloak.logFile());
        }
    }

    /** The HTTP base URL, without trailing slash, e.g. {@code http://localhost:41234}. */
    public String baseUrl() {
        return running().keycloak.baseUrl();
    }

    /** The URL of a realm, e.g. {@code http://localhost:41234/realms/elevate-demo}. */
    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /** The Admin REST API, signed in as the master-realm administrator. */
    public AdminApi adminApi() {
        return running().adminApi;
    }

    /** The IAM stand-in the server's revocation worker calls (started before Keycloak, shared by the run). */
    public IamContract iam() {
        return running().iam;
    }

    /** The AWS stand-in every AWS client of this Keycloak talks to (all services, one endpoint). */
    public AwsContractServer aws() {
        return running().aws;
    }

    /**
     * Stops Keycloak and starts it again on the same home, database, ports and options, as an operator's restart does;
     * returns when it answers again. Whatever Elevate keeps must survive this.
     */
    public void restart() {
        running().restart();
    }

    /** The file holding the server's console output. */
    public Path logFile() {
        return running().keycloak.logFile();
    }

    /** The database Keycloak runs on in this run. */
    public Database database() {
        return running().database;
    }

    private Running bind(ExtensionContext context) {
        Running server = running;
        if (server == null) {
            server = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(Running.class.getName(), key -> Running.start(), Running.class);
            running = server;
        }
        return server;
    }

    private Running running() {
        Running server = running;
        if (server == null) {
            throw new IllegalStateException("Keycloak is not started: annotate the test class with @ExtendWith(KeycloakServer.class)");
        }
        return server;
    }

    /** The server of the run; JUnit closes it, stopping Keycloak, when the root context closes. */
    private static final class Running implements CloseableResource {

        private final KeycloakDistribution keycloak;
        private final Database database;
        private final AdminApi adminApi;
        private final AwsContractServer aws;
        private final IamContract iam;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Running(KeycloakDistribution keycloak, Database database, AwsContractServer aws) {
            this.keycloak = keycloak;
            this.database = database;
            this.aws = aws;
            this.iam = IamContract.on(aws);
            this.adminApi = new AdminApi(keycloak.baseUrl(), keycloak.admin());
        }

        static Running start() {
            ElevateBuild build = ElevateBuild.fromSystemProperties();
            Database database = null;
            AwsContractServer aws = null;
            try {
                Path home = build.root().resolve(HOME);
                FileTrees.delete(home);
                List<Integer> ports = freePorts(2);
                KeycloakDistribution keycloak =
                        new KeycloakDistribution(build, home, ports.get(0), ports.get(1), AdminCredentials.DEFAULT);
                keycloak.install();
                database = Database.fromSettings(build.buildDirectory());
                aws = AwsContractServer.start();
                Running running = new Running(keycloak, database, aws);
                // Should the JVM end without JUnit closing the root context (e.g. failsafe timeout), stop both anyway.
                Runtime.getRuntime().addShutdownHook(new Thread(running::close, "keycloak-it-shutdown"));
                Map<String, String> options = new LinkedHashMap<>(database.keycloakOptions());
                // Expiry and end notices every 2 s, so tests see them without waiting half a minute.
                options.put("spi-events-listener--elevate-timers--interval-seconds", "2");
                // Every AWS call goes to the contract server in this JVM; revocations are retried 2 s after a
                // failure, and a call that gets no answer gives up after 3 s.
                options.put("spi-elevate-aws--default--enabled", "true");
                for (String service : List.of("iam", "ec2", "config", "sns", "ssm")) {
                    options.put("spi-elevate-aws--default--" + service + "-endpoint", aws.endpoint());
                }
                options.put("spi-elevate-aws--default--socket-timeout-millis", "3000");
                options.put("spi-elevate-aws--default--call-timeout-millis", "8000");
                options.put("spi-events-listener--elevate-timers--revocation-retry-seconds", "2");
                // The AWS SDK's default credentials chain finds these first: no profile file, no instance metadata.
                running.options.putAll(options);
                running.environment.putAll(Map.of("AWS_ACCESS_KEY_ID", AwsContractServer.ACCESS_KEY_ID,
                        "AWS_SECRET_ACCESS_KEY", AwsContractServer.SECRET_ACCESS_KEY,
                        "AWS_EC2_METADATA_DISABLED", "true"));
                keycloak.start(running.options, running.environment);
                return running;
            } catch (IOException e) {
                closeQuietly(database, aws);
                throw new UncheckedIOException("Could not start Keycloak", e);
            } catch (InterruptedException e) {
                closeQuietly(database, aws);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting Keycloak", e);
            } catch (RuntimeException e) {
                closeQuietly(database, aws);
                throw e;
            }
        }

        synchronized void restart() {
            keycloak.stop();
            try {
                keycloak.start(options, environment);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not restart Keycloak", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while restarting Keycloak", e);
            }
        }

        /** Stops Keycloak, then its database; safe to call twice (JUnit, then the shutdown hook). */
        @Override
        public synchronized void close() {
            keycloak.stop();
            database.close();
            aws.close();
        }

        private static void closeQuietly(Database database, AwsContractServer aws) {
            if (database != null) {
                database.close();
            }
            if (aws != null) {
                aws.close();
            }
        }

        /** Distinct ports that were free a moment ago, all held open together so that they differ. */
        private static List<Integer> freePorts(int count) throws IOException {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    sockets.add(new ServerSocket(0));
                }
                return sockets.stream().map(ServerSocket::getLocalPort).toList();
            } finally {
                for (ServerSocket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
