package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Terminal;
import io.elevate.cli.Http;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Signs out: revokes the refresh token at Keycloak (if it can be reached) and deletes"
                + " ~/.elevate/tokens.json.", ""})
public final class LogoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Context context;

    public LogoutCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<Tokens> tokens;
        try {
            tokens = context.tokenCache().read();
        } catch (CliException damaged) {
            tokens = Optional.empty();
        }
        tokens.filter(t -> t.refreshToken() != null).ifPresent(this::revoke);
        boolean deleted = context.tokenCache().delete();
        spec.commandLine().getOut().println(deleted ? "Signed out." : "Not signed in.");
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    private void revoke(Tokens tokens) {
        try {
            OidcEndpoints endpoints = OidcEndpoints.discover(context.http(), tokens.issuer());
            if (endpoints.revocation() != null) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("client_id", tokens.clientId());
                form.put("token", tokens.refreshToken());
                form.put("token_type_hint", "refresh_token");
                Http.Response response = context.http().postForm(endpoints.revocation(), form, "Keycloak");
                if (!response.ok()) {
                    warn("Keycloak did not revoke the session: " + response.errorDescription());
                }
            }
        } catch (CliException e) {
            warn(e.getMessage() + "; the session stays open at Keycloak until it expires");
        }
    }

    private void warn(String message) {
        spec.commandLine().getErr().println("elevate: " + Terminal.shownLines(message));
        spec.commandLine().getErr().flush();
    }
}
