package io.elevate.cli.api;

import io.elevate.cli.CliException;
import io.elevate.cli.Context;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Asks for an elevation window under a policy (see `elevate policies`); the policy's approvers"
                + " are told, and `elevate list` shows how it goes.", ""})
public final class RequestCommand implements Callable<Integer> {

    @Option(names = "--policy", required = true, paramLabel = "ID", description = "The policy's id (`elevate policies`).")
    String policy;

    @Option(names = "--duration", required = true, paramLabel = "MIN", description = "How long, in minutes.")
    int durationMinutes;

    @Option(names = "--justification", required = true, paramLabel = "TEXT", description = "Why.")
    String justification;

    @Option(names = "--ticket", paramLabel = "T", description = "A ticket reference, e.g. CHG1234.")
    String ticket;

    @Option(names = "--instance", paramLabel = "ID", description = "The instance, if the policy names several.")
    String instance;

    @Option(names = "--start", paramLabel = "ISO", description = "When it starts (default now), e.g."
            + " 2030-01-31T22:00:00Z or 2030-01-31T23:00 (local time).")
    String start;

    @Option(names = "--dry-run", description = "Ask nothing: show what the policy would do with this request (a deny"
            + " rule, an automatic approval, or its approval stages) and why.")
    boolean dryRun;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    private final Context context;

    public RequestCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (durationMinutes < 1) {
            throw CliException.usage("--duration must be at least 1 minute");
        }
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("policy", policy);
        body.put("durationMinutes", durationMinutes);
        body.put("justification", justification);
        if (ticket != null) {
            body.put("ticket", ticket);
        }
        if (instance != null) {
            body.put("instanceId", instance);
        }
        if (start != null) {
            body.put("startsAt", instant(start, ZoneId.systemDefault()).toString());
        }
        if (dryRun) {
            JsonNode explanation = context.api().post("requests/explain", body);
            output.print(spec.commandLine().getOut(), explanation, new Views(ZoneId.systemDefault())
                    .explanation(explanation));
            return ExitCode.OK;
        }
        JsonNode created = context.api().post("requests", body);
        output.print(spec.commandLine().getOut(), created, new Views(ZoneId.systemDefault()).request(created));
        return ExitCode.OK;
    }

    /** An ISO-8601 instant, date-time with offset, or local date-time. */
    static Instant instant(String text, ZoneId zone) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                } catch (DateTimeParseException notLocal) {
                    throw CliException.usage("--start is not an ISO-8601 time: '" + text + "'");
                }
            }
        }
    }
}
