package io.elevate.cli.api;

import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.ZoneId;
import java.util.concurrent.Callable;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approves a request waiting for you (`elevate list --waiting`); it opens once the policy's"
                + " quorum of approvers said yes.", ""})
public final class ApproveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @Option(names = "--comment", paramLabel = "C", description = "A comment for the requester and the audit trail.")
    String comment;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    private final Context context;

    public ApproveCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonNode approved = Decision.take(context, id, "approve", comment);
        output.print(spec.commandLine().getOut(), approved, new Views(ZoneId.systemDefault()).request(approved));
        return ExitCode.OK;
    }
}
