package io.elevate.cli;

import io.elevate.cli.api.ApproveCommand;
import io.elevate.cli.api.ListCommand;
import io.elevate.cli.api.PoliciesCommand;
import io.elevate.cli.api.RejectCommand;
import io.elevate.cli.api.RequestCommand;
import io.elevate.cli.aws.ConsoleCommand;
import io.elevate.cli.aws.CredentialsCommand;
import io.elevate.cli.aws.SsmCommand;
import io.elevate.cli.login.LoginCommand;
import io.elevate.cli.login.LogoutCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "elevate", mixinStandardHelpOptions = true, versionProvider = ElevateCommand.Version.class,
        description = {
            "Just-in-time, approved, time-bounded AWS access with Elevate in Keycloak.",
            "",
            "  elevate login --issuer https://keycloak.example.com/realms/REALM",
            "  elevate policies",
            "  elevate request --policy ID --duration 60 --justification 'INC1234: restart the web tier'",
            "  elevate list --waiting; elevate approve ID        (approvers)",
            "  elevate credentials | console | ssm i-...         (inside an open window)",
            "",
            "Settings: an option, else ELEVATE_<NAME> (ELEVATE_ISSUER, ELEVATE_ROLE_ARN, ELEVATE_STS_ENDPOINT, ...), else"
                + " `name = value` in ~/.elevate/config (issuer, client-id, role-arn, region, sts-endpoint,"
                + " federation-endpoint). ELEVATE_HOME moves ~/.elevate.",
            ""},
        subcommands = {LoginCommand.class, LogoutCommand.class, CredentialsCommand.class, ConsoleCommand.class,
            SsmCommand.class, PoliciesCommand.class, RequestCommand.class, ListCommand.class, ApproveCommand.class,
            RejectCommand.class})
public final class ElevateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a command: the usage, and the usage error code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ElevateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"elevate " + (version == null ? "(development build)" : version)};
        }
    }
}
