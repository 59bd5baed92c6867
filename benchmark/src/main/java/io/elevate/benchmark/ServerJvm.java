package io.elevate.benchmark;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The Keycloak JVM this process started, reached with the JDK's {@code jcmd}. */
final class ServerJvm {

    private final Path keycloakHome;

    ServerJvm(Path keycloakHome) {
        this.keycloakHome = keycloakHome.toAbsolutePath().normalize();
    }

    /** Runs one {@code jcmd} command (e.g. {@code GC.run}, {@code JFR.start ...}) on the server JVM; its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        long pid = pid();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String[] line = new String[command.length + 2];
        line[0] = jcmd.toString();
        line[1] = Long.toString(pid);
        System.arraycopy(command, 0, line, 2, command.length);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed:\n" + output);
        }
        return output;
    }

    /** The server JVM: the java process among this process's descendants whose arguments name the Keycloak home. */
    private long pid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.toString(a).contains(keycloakHome.toString()))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No Keycloak JVM running from " + keycloakHome))
                .pid();
    }
}
