package io.elevate.benchmark;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A Java Flight Recorder recording of the Keycloak JVM ({@code jcmd JFR.start settings=profile}) around the measured
 * sign-ins, written to a file to read with {@code jfr summary} / {@code jfr print}. Started only when
 * {@code -Dbench.jfr=<file>} is given.
 */
final class FlightRecording {

    private static final String NAME = "elevate-benchmark";

    private final ServerJvm jvm;
    private final Path file;

    private FlightRecording(ServerJvm jvm, Path file) {
        this.jvm = jvm;
        this.file = file;
    }

    static FlightRecording start(ServerJvm jvm, Path file) throws IOException, InterruptedException {
        jvm.jcmd("JFR.start", "name=" + NAME, "settings=profile");
        return new FlightRecording(jvm, file.toAbsolutePath());
    }

    /** Stops the recording and writes it to its file. */
    Path stop() throws IOException, InterruptedException {
        jvm.jcmd("JFR.stop", "name=" + NAME, "filename=" + file);
        return file;
    }
}
