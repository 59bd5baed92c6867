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

@Command(name = "reject", mixinStandardHelpOptions = true,
        description = {"Rejects a request waiting for you, saying why.", ""})
public final class RejectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @Option(names = "--comment", required = true, paramLabel = "C", description = "Why, for the requester and the"
            + " audit trail.")
    String comment;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    private final Context context;

    public RejectCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonNode rejected = Decision.take(context, id, "reject", comment);
        output.print(spec.commandLine().getOut(), rejected, new Views(ZoneId.systemDefault()).request(rejected));
        return ExitCode.OK;
    }
}
