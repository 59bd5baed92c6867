package io.elevate.cli.aws;

import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Settings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {
            "Prints a link that signs you in to the AWS console with the open elevation window's credentials (AWS's"
                + " federation endpoint). With --instance it opens a Session Manager shell on that instance. Open"
                + " it within 15 minutes; the console session ends with the window (at most 12 hours).",
            ""})
public final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Option(names = "--instance", paramLabel = "ID", description = "Open Session Manager on this instance,"
            + " e.g. i-0123456789abcdef0.")
    String instance;

    @Option(names = "--federation-endpoint", paramLabel = "URL", description = "The federation endpoint (default:"
            + " ELEVATE_FEDERATION_ENDPOINT, federation-endpoint in ~/.elevate/config, else"
            + " the federation endpoint of the window's partition: https://signin.aws.amazon.com/federation,"
            + " https://signin.amazonaws-us-gov.com/federation or https://signin.amazonaws.cn/federation).")
    String federationEndpoint;

    @Spec
    CommandSpec spec;

    private final Context context;

    public ConsoleCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (instance != null) {
            ConsoleSignIn.checkInstance(instance);
        }
        Optional<URI> configured = context.settings().get(Settings.FEDERATION_ENDPOINT, federationEndpoint)
                .map(Elevation::endpoint);
        Elevation.Assumed assumed = Elevation.assume(context, aws);
        URI federation = configured.orElseGet(() -> ConsoleSignIn.federationEndpoint(assumed.region()));
        int sessionDuration = SessionDurations.forConsole(assumed.window().endsAt(),
                context.environment().clock().instant());
        String token = ConsoleSignIn.signinToken(context.http(),
                ConsoleSignIn.signinTokenRequest(federation, assumed.credentials(), sessionDuration));
        URI login = ConsoleSignIn.loginUrl(federation, context.session().tokens().issuer(),
                ConsoleSignIn.destination(instance, assumed.region()), token);
        spec.commandLine().getOut().println(login);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
