package io.elevate.cli.api;

import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.ZoneId;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists your requests and windows, newest first; with --waiting, those waiting for your"
                + " decision as an approver.", ""})
public final class ListCommand implements Callable<Integer> {

    @Option(names = "--waiting", description = "Requests waiting for your approval (and break-glass windows to review).")
    boolean waiting;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    private final Context context;

    public ListCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonNode list = context.api().get(waiting ? "requests/waiting" : "requests/mine");
        output.print(spec.commandLine().getOut(), list, new Views(ZoneId.systemDefault()).requests(list, waiting));
        return ExitCode.OK;
    }
}
