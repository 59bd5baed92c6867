package io.elevate.benchmark;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap of the Keycloak JVM this process started, read with {@code jcmd} after full collections. */
final class ServerHeap {

    /** A generation line of {@code GC.heap_info}, e.g. {@code garbage-first heap   total 262144K, used 81234K}. */
    private static final Pattern GENERATION = Pattern.compile("total\\s+(\\d+)K, used (\\d+)K");

    private final ServerJvm jvm;

    ServerHeap(ServerJvm jvm) {
        this.jvm = jvm;
    }

    /** Used heap in bytes right after two full collections ({@code GC.run}). */
    long usedAfterFullGc() throws IOException, InterruptedException {
        jvm.jcmd("GC.run");
        jvm.jcmd("GC.run");
        String info = jvm.jcmd("GC.heap_info");
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
}
