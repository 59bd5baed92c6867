package io.elevate.cli.aws;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws ssm start-session --target <instance>} with the credentials in the child's environment, or, when
 * {@code aws} or {@code session-manager-plugin} is not installed, the commands to run elsewhere.
 */
final class SessionManagerShell {

    static final String AWS = "aws";
    static final String PLUGIN = "session-manager-plugin";

    private SessionManagerShell() {
    }

    /** The executable {@code name} in one of the {@code PATH} directories, if there is one. */
    static Optional<Path> find(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<String> arguments(String instanceId, String region) {
        return List.of("ssm", "start-session", "--target", instanceId, "--region", region);
    }

    /** The variables that give {@code aws} the credentials and the region. */
    static Map<String, String> variables(AwsCredentials credentials, String region) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        variables.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        variables.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        variables.put("AWS_REGION", region);
        variables.put("AWS_DEFAULT_REGION", region);
        return variables;
    }

    /** Runs {@code aws} with the terminal of this process and returns its exit code. */
    static int run(Path aws, String instanceId, String region, AwsCredentials credentials,
                   Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(aws.toString());
        command.addAll(arguments(instanceId, region));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.clear();
        childEnvironment.putAll(environment);
        // A profile would compete with the credentials given here.
        childEnvironment.remove("AWS_PROFILE");
        childEnvironment.remove("AWS_DEFAULT_PROFILE");
        childEnvironment.putAll(variables(credentials, region));
        return builder.start().waitFor();
    }

    /** The same, as shell commands: {@code export} lines, then the {@code aws} command. */
    static String script(String instanceId, String region, AwsCredentials credentials) {
        StringBuilder script = new StringBuilder();
        variables(credentials, region).forEach((name, value) ->
                script.append("export ").append(name).append('=').append(quote(value)).append('\n'));
        script.append(AWS);
        arguments(instanceId, region).forEach(argument -> script.append(' ').append(quote(argument)));
        return script.append('\n').toString();
    }

    /** A POSIX shell word: as is when it is plain, else in single quotes. */
    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:=+@%-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
