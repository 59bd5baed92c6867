package io.elevate.cli.aws;

import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = {
            "Prints AWS credentials for the open elevation window, as the JSON of the AWS CLI's credential_process"
                + " (AssumeRoleWithWebIdentity with your access token; the session ends no later than the window,"
                + " after at most an hour).",
            "",
            "In ~/.aws/config:",
            "  [profile elevate]",
            "  credential_process = java -jar /path/to/elevate.jar credentials --role-arn arn:aws:iam::123456789012:role/Name",
            "then: aws --profile elevate sts get-caller-identity",
            ""})
public final class CredentialsCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec spec;

    private final Context context;

    public CredentialsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Elevation.Assumed assumed = Elevation.assume(context, aws);
        spec.commandLine().getOut().println(CredentialProcessOutput.json(assumed.credentials()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
