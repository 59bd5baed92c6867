package io.elevate.testing.server;

import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.IamContract;
import io.elevate.testing.chat.SlackStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.opentest4j.TestAbortedException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
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
 *
 * <p>{@code -Delevate.test.server=container} (set by the {@code containers} Maven profile) runs the same tests on a
 * Keycloak container instead, through testcontainers-keycloak ({@code ContainerKeycloak}, in
 * {@code src/test-containers/java}); without a Docker engine the tests are skipped, not failed.
 */
public final class KeycloakServer implements BeforeAllCallback, ExecutionCondition, ParameterResolver, TestWatcher {

    private static final Namespace NAMESPACE = Namespace.create(KeycloakServer.class);
    private static final String HOME = "keycloak-extension/target/keycloak-it";
    /** Where Keycloak runs: {@code process} (the default) or {@code container}. */
    public static final String SERVER = "elevate.test.server";
    private static final String CONTAINER_CLASS = "io.elevate.testing.server.ContainerKeycloak";

    private volatile Running running;

    /**
     * In the containers profile without a Docker engine, disables every test (reported as skipped) and says why once
     * on standard error: a class-level abort alone would leave the run silent.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!runsInContainer()) {
            return ConditionEvaluationResult.enabled("Keycloak runs as a process");
        }
        String unavailable = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("container-unavailable", key -> containerUnavailable(), String.class);
        if (unavailable.isEmpty()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        return ConditionEvaluationResult.disabled(unavailable);
    }

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

    /** The management interface's base URL (health, {@code /metrics}), e.g. {@code http://localhost:41235}. */
    public String managementUrl() {
        return running().keycloak.managementUrl();
    }

    /**
     * Whether this run's Keycloak is a container ({@code -Delevate.test.server=container}): it cannot reach services
     * the tests start on this machine's loopback unless the harness forwards them (the IAM stand-in is forwarded).
     */
    public static boolean runsInContainer() {
        return "container".equalsIgnoreCase(Database.setting(SERVER, "process"));
    }

    /** The URL of a realm, e.g. {@code http://localhost:41234/realms/elevate-demo}. */
    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /** The Admin REST API, signed in as the master-realm administrator. */
    public AdminApi adminApi() {
        return running().adminApi;
    }

    /** Keycloak's clock, which a test may move forward instead of sleeping (and must put back). */
    public ServerTime time() {
        return new ServerTime(baseUrl());
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
     * The Slack Web API stand-in every Slack call of this Keycloak goes to (started with the server, shared by the
     * run); a test that turns Slack on in a realm uses its {@link SlackStandIn#token() token} and adds its Slack users.
     */
    public SlackStandIn slack() {
        running();
        return SharedSlack.get();
    }

    /**
     * Stops Keycloak and starts it again on the same home, database, ports and options, as an operator's restart does;
     * returns when it answers again. Whatever Elevate keeps must survive this. Process runs only.
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

    /** Why the container cannot run here, or empty when it can; said once on standard error. */
    private static String containerUnavailable() {
        try {
            String reason = (String) Class.forName(CONTAINER_CLASS).getMethod("unavailable").invoke(null);
            if (reason == null) {
                return "";
            }
            System.err.println("[elevate] " + reason);
            return reason;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("-D" + SERVER + "=container needs the containers profile, which compiles "
                    + CONTAINER_CLASS + ": ./mvnw -Pcontainers verify", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not ask whether a Docker engine answers", e);
        }
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

    /** The run's Slack stand-in: started with the first server, kept across restarts, closed with the server. */
    private static final class SharedSlack {

        private static SlackStandIn slack;

        static synchronized SlackStandIn get() {
            if (slack == null) {
                try {
                    slack = SlackStandIn.start("xoxb-0000000000-shared-test-server");
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not start the Slack stand-in", e);
                }
            }
            return slack;
        }

        static synchronized void close() {
            if (slack != null) {
                slack.close();
                slack = null;
            }
        }
    }

    /** The server of the run; JUnit closes it, stopping Keycloak, when the root context closes. */
    private static final class Running implements CloseableResource {

        private final KeycloakRuntime keycloak;
        private final Database database;
        private final AdminApi adminApi;
        private final AwsContractServer aws;
        private final IamContract iam;

        private Running(KeycloakRuntime keycloak, Database database, AwsContractServer aws) {
            this.keycloak = keycloak;
            this.database = database;
            this.aws = aws;
            this.iam = IamContract.on(aws);
            this.adminApi = new AdminApi(keycloak.baseUrl(), keycloak.admin());
        }

        static Running start() {
            ElevateBuild build = ElevateBuild.fromSystemProperties();
            return runsInContainer() ? startContainer(build) : startProcess(build);
        }

        private static Running startProcess(ElevateBuild build) {
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
                keycloak.start(options(database, aws), ENVIRONMENT);
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

        /**
         * The containers profile: the same options on a Keycloak container, always on its embedded H2 (a database on
         * this machine's loopback is out of its reach). {@code ContainerKeycloak} is looked up by name because the
         * default build compiles neither it nor testcontainers.
         */
        private static Running startContainer(ElevateBuild build) {
            Database database = Database.embedded();
            AwsContractServer aws = null;
            try {
                aws = AwsContractServer.start();
                Object started = Class.forName(CONTAINER_CLASS)
                        .getMethod("start", ElevateBuild.class, Map.class, Map.class)
                        .invoke(null, build, options(database, aws), ENVIRONMENT);
                Running running = new Running((KeycloakRuntime) started, database, aws);
                Runtime.getRuntime().addShutdownHook(new Thread(running::close, "keycloak-it-shutdown"));
                return running;
            } catch (ClassNotFoundException e) {
                closeQuietly(database, aws);
                throw new IllegalStateException("-D" + SERVER + "=container needs the containers profile, which"
                        + " compiles " + CONTAINER_CLASS + ": ./mvnw -Pcontainers verify", e);
            } catch (InvocationTargetException e) {
                closeQuietly(database, aws);
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause; // including JUnit's TestAbortedException when no Docker engine answers
                }
                throw new IllegalStateException("Could not start the Keycloak container", e.getCause());
            } catch (ReflectiveOperationException e) {
                closeQuietly(database, aws);
                throw new IllegalStateException("Could not start the Keycloak container", e);
            }
        }

        /** The AWS SDK's default credentials chain finds these first: no profile file, no instance metadata. */
        private static final Map<String, String> ENVIRONMENT = Map.of("AWS_ACCESS_KEY_ID",
                AwsContractServer.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", AwsContractServer.SECRET_ACCESS_KEY,
                "AWS_EC2_METADATA_DISABLED", "true");

        /** The suite's Keycloak options, by name without the leading dashes. */
        private static Map<String, String> options(Database database, AwsContractServer aws) {
            Map<String, String> options = new LinkedHashMap<>(database.keycloakOptions());
            // Expiry and end notices every 2 s, so tests see them without waiting half a minute.
            options.put("spi-elevate-timers--default--interval-seconds", "2");
            // Every AWS call goes to the contract server in this JVM; revocations are retried 2 s after a failure,
            // and a call that gets no answer gives up after 3 s; notices are retried 2 s after a failure too.
            options.put("spi-elevate-aws--default--enabled", "true");
            for (String service : List.of("iam", "ec2", "config", "sns", "ssm")) {
                options.put("spi-elevate-aws--default--" + service + "-endpoint", aws.endpoint());
            }
            options.put("spi-elevate-aws--default--socket-timeout-millis", "3000");
            options.put("spi-elevate-aws--default--call-timeout-millis", "8000");
            options.put("spi-elevate-timers--default--revocation-retry-seconds", "2");
            options.put("spi-elevate-timers--default--notice-retry-seconds", "2");
            // Slack's Web API is the stand-in in this JVM, never slack.com
            options.put("spi-elevate-timers--default--slack-api-url", SharedSlack.get().url());
            return options;
        }

        synchronized void restart() {
            if (!(keycloak instanceof KeycloakDistribution process)) {
                throw new TestAbortedException("a restart needs the process-based Keycloak, not a container");
            }
            process.stop();
            try {
                process.start(options(database, aws), ENVIRONMENT);
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
            SharedSlack.close();
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
