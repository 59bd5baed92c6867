package io.elevate.cli.api;

import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.ZoneId;
import java.util.concurrent.Callable;

@Command(name = "policies", mixinStandardHelpOptions = true,
        description = {"Lists the policies you may ask for elevation under, with their ids for `elevate request`.", ""})
public final class PoliciesCommand implements Callable<Integer> {

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    private final Context context;

    public PoliciesCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonNode list = context.api().get("policies");
        output.print(spec.commandLine().getOut(), list, new Views(ZoneId.systemDefault()).policies(list));
        return ExitCode.OK;
    }
}
