package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Terminal;
import io.elevate.cli.Settings;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {
            "Signs you in to Keycloak with the OAuth 2.0 device authorization grant (PKCE S256): prints a link and a"
                + " code to approve in a browser on any device, so it works over SSH, then waits for the approval.",
            "The tokens are kept in ~/.elevate/tokens.json (ELEVATE_HOME), readable by you only, and refreshed when"
                + " needed.",
            ""})
public final class LoginCommand implements Callable<Integer> {

    public static final String DEFAULT_CLIENT_ID = "elevate-cli";

    @Option(names = "--issuer", paramLabel = "URL", description = "The Keycloak realm, e.g."
            + " http://localhost:8080/realms/elevate-demo (default: ELEVATE_ISSUER, issuer in ~/.elevate/config,"
            + " else the realm of the last sign-in).")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", description = "The OAuth client (default: ELEVATE_CLIENT_ID,"
            + " client-id in ~/.elevate/config, else " + DEFAULT_CLIENT_ID + ").")
    String clientId;

    @Spec
    CommandSpec spec;

    private final Context context;

    public LoginCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Settings settings = context.settings();
        String realm = settings.get(Settings.ISSUER, issuer).or(this::lastIssuer).orElseThrow(() -> CliException.usage(
                "which Keycloak? Pass --issuer URL (e.g. http://localhost:8080/realms/elevate-demo), set"
                        + " ELEVATE_ISSUER, or put issuer = URL in " + settings.configFile()));
        String client = settings.get(Settings.CLIENT_ID, clientId).orElse(DEFAULT_CLIENT_ID);

        OidcEndpoints endpoints = OidcEndpoints.discover(context.http(), realm);
        DeviceGrant grant = new DeviceGrant(context.http(), context.environment().clock(),
                context.environment().sleeper());
        Pkce pkce = Pkce.create(new SecureRandom());
        DeviceGrant.Authorization authorization = grant.start(endpoints, client, pkce);

        PrintWriter err = spec.commandLine().getErr();
        err.println("To sign in, open this link in a browser, on this or any other device:");
        err.println();
        err.println("  " + Terminal.shown(String.valueOf(authorization.verificationUriComplete() != null
                ? authorization.verificationUriComplete() : authorization.verificationUri())));
        err.println();
        err.println("or go to " + Terminal.shown(String.valueOf(authorization.verificationUri())) + " and enter the code  "
                + Terminal.shown(authorization.userCode()));
        long minutes = Math.max(1, Duration.between(context.environment().clock().instant(),
                authorization.expiresAt()).toMinutes());
        err.println("Waiting for the approval (the code expires in " + minutes + " min)...");
        err.flush();

        JsonNode response = grant.await(endpoints, client, authorization, pkce);
        Tokens tokens = Tokens.fromTokenResponse(response, endpoints.issuer(), client, endpoints.token(),
                context.environment().clock().instant(), null);
        context.tokenCache().write(tokens);

        AccessToken token = AccessToken.parse(tokens.accessToken());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Signed in as " + Terminal.shown(token.username()) + " at " + Terminal.shown(String.valueOf(endpoints.issuer()))
                + ".");
        out.println(token.hasTags() ? "An elevation window is open: " + Terminal.shown(describe(token.principalTags())) + "."
                : "No elevation window is open now: ask for one with `elevate request`.");
        out.flush();
        return ExitCode.OK;
    }

    private Optional<String> lastIssuer() {
        try {
            return context.tokenCache().read().map(Tokens::issuer);
        } catch (CliException damaged) {
            return Optional.empty();
        }
    }

    static String describe(Map<String, List<String>> tags) {
        return tags.entrySet().stream().map(tag -> tag.getKey() + "=" + String.join("|", tag.getValue()))
                .collect(Collectors.joining(", "));
    }
}
