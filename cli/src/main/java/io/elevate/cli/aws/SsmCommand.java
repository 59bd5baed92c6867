package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "ssm", mixinStandardHelpOptions = true,
        description = {
            "Opens a Session Manager shell on an instance: runs `aws ssm start-session --target <instance-id>` with"
                + " the open window's credentials in its environment, and exits with its exit code.",
            "Without `aws` and `session-manager-plugin` on the PATH, prints the commands (export lines, then aws) to"
                + " run where they are, and exits with 7.",
            ""})
public final class SsmCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss xxx");

    @Parameters(index = "0", paramLabel = "INSTANCE-ID", description = "The instance, e.g. i-0123456789abcdef0.")
    String instanceId;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec spec;

    private final Context context;

    public SsmCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ConsoleSignIn.checkInstance(instanceId);
        Elevation.Assumed assumed = Elevation.assume(context, aws);
        String path = context.environment().variables().get("PATH");
        Optional<Path> awsCli = SessionManagerShell.find(SessionManagerShell.AWS, path);
        Optional<Path> plugin = SessionManagerShell.find(SessionManagerShell.PLUGIN, path);
        PrintWriter err = spec.commandLine().getErr();
        if (awsCli.isEmpty() || plugin.isEmpty()) {
            String missing = awsCli.isEmpty() && plugin.isEmpty() ? "`aws` and `session-manager-plugin` are"
                    : awsCli.isEmpty() ? "`aws` (the AWS CLI) is" : "`session-manager-plugin` is";
            err.println("elevate: " + missing + " not on the PATH. Run these commands where they are installed (the"
                    + " credentials last until " + TIME.format(assumed.credentials().expiration()
                    .atZone(ZoneId.systemDefault())) + "):");
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            out.print(SessionManagerShell.script(instanceId, assumed.region(), assumed.credentials()));
            out.flush();
            return ExitCode.SSM_TOOLS_MISSING;
        }
        try {
            return SessionManagerShell.run(awsCli.get(), instanceId, assumed.region(), assumed.credentials(),
                    context.environment().variables());
        } catch (IOException e) {
            throw new CliException(ExitCode.SSM_TOOLS_MISSING, "cannot run " + awsCli.get() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERNAL_ERROR, "interrupted while the session ran", e);
        }
    }
}
