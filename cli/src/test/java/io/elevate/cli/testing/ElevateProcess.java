package io.elevate.cli.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar elevate.jar ...} as a user runs it: a separate JVM with its own environment ({@code ELEVATE_HOME}
 * of its own, no {@code ELEVATE_*} or {@code AWS_*} variables of the test JVM), its exit code, stdout and stderr.
 */
public final class ElevateProcess {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path jar;
    private final Path home;
    private final List<String> jvmOptions;
    private final Map<String, String> variables = new LinkedHashMap<>();

    /** Runs {@code jar} with {@code ELEVATE_HOME=home}; {@code jvmOptions} go before {@code -jar}. */
    public ElevateProcess(Path jar, Path home, List<String> jvmOptions) {
        this.jar = jar;
        this.home = home;
        this.jvmOptions = List.copyOf(jvmOptions);
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("ELEVATE_") && !name.startsWith("AWS_") && !name.startsWith("JAVA_TOOL")
                    && !name.startsWith("_JAVA_")) {
                variables.put(name, value);
            }
        });
        variables.put("ELEVATE_HOME", home.toString());
    }

    public ElevateProcess set(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** The directory holding {@code tokens.json}. */
    public Path home() {
        return home;
    }

    /** Runs to the end. */
    public InProcess.Result run(String... args) {
        return start(args).await();
    }

    /** Starts; read its stderr while it runs with {@link Running#awaitErr}. */
    public Running start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(variables);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new Running(process, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** A running {@code elevate}. */
    public static final class Running {

        private final Process process;
        private final String description;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer err = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process process, String description) {
            this.process = process;
            this.description = description;
            this.outReader = drain(process.getInputStream(), out);
            this.errReader = drain(process.getErrorStream(), err);
        }

        /** Waits until stderr has a match of {@code pattern} and returns its first group. */
        public String awaitErr(Pattern pattern, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                Matcher matcher = pattern.matcher(err);
                if (matcher.find()) {
                    return matcher.group(1);
                }
                if (!process.isAlive() && !errReader.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new AssertionError("elevate " + description + " printed no " + pattern + "; stderr: " + err
                    + "; stdout: " + out);
        }

        /** Waits for the end (120 s at most, then kills it and fails). */
        public InProcess.Result await() {
            try {
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("elevate " + description + " did not end within " + TIMEOUT.toSeconds()
                            + " s; stderr: " + err + "; stdout: " + out);
                }
                outReader.join(10_000);
                errReader.join(10_000);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new InProcess.Result(process.exitValue(), out.toString(), err.toString());
        }

        private static Thread drain(InputStream stream, StringBuffer into) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        into.append(line).append('\n');
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "elevate-output");
            reader.setDaemon(true);
            reader.start();
            return reader;
        }
    }
}
