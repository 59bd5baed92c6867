package io.elevate.benchmark;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap of the Keycloak JVM this process started, read with {@code jcmd} after full collections. */
final class ServerHeap {

    /** A generation line of {@code GC.heap_info}, e.g. {@code garbage-first heap   total 262144K, used 81234K}. */
    private static final Pattern GENERATION = Pattern.compile("total\\s+(\\d+)K, used (\\d+)K");

    private final Path keycloakHome;

    ServerHeap(Path keycloakHome) {
        this.keycloakHome = keycloakHome.toAbsolutePath().normalize();
    }

    /** Used heap in bytes right after two full collections ({@code GC.run}). */
    long usedAfterFullGc() throws IOException, InterruptedException {
        long pid = serverPid();
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher generation = GENERATION.matcher(info);
        long usedKb = 0;
        boolean found = false;
        while (generation.find()) {
            usedKb += Long.parseLong(generation.group(2));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("Cannot read the used heap from jcmd GC.heap_info:\n" + info);
        }
        return usedKb * 1024;
    }

    /** The server JVM: the java process among this process's descendants whose arguments name the Keycloak home. */
    private long serverPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.toString(a).contains(keycloakHome.toString()))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No Keycloak JVM running from " + keycloakHome))
                .pid();
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(jcmd + " " + pid + " " + command + " failed:\n" + output);
        }
        return output;
    }
}
