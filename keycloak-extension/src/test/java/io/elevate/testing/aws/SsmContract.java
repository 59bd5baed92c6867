package io.elevate.testing.aws;

import io.elevate.testing.aws.AwsContractServer.Protocol;
import io.elevate.testing.aws.AwsContractServer.Reply;
import io.elevate.testing.aws.AwsContractServer.Request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSM Run Command and Parameter Store as the {@link AwsContractServer} serves them (JSON protocol, operations in
 * {@code X-Amz-Target: AmazonSSM.<Op>}), answering as SSM's API reference shows: {@code SendCommand},
 * {@code GetCommandInvocation}, {@code GetParameter}, {@code DeleteParameter}; {@code InvocationDoesNotExist} and
 * {@code ParameterNotFound} for what is not there.
 *
 * <p>It also plays the instance: a sent command "runs" by the time it is asked about {@link #pollsUntilDone()}
 * times: the password the script would make is a random value stored under the Parameter Store name the script
 * names ({@code /elevate/break-glass/...}), as {@code aws ssm put-parameter} would store it.
 */
public final class SsmContract implements AwsContractServer.Handler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAMETER = Pattern.compile("/elevate/break-glass/[A-Za-z0-9-]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** One SendCommand as it arrived. */
    public record Command(String commandId, String documentName, List<String> instanceIds, List<String> commands,
                          JsonNode parameters, String comment) {
    }

    private record Run(Command command, String parameterName, AtomicInteger pollsLeft, String outcome) {
    }

    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private volatile int pollsUntilDone = 1;
    private volatile String outcome = "Success";

    /** Serves SSM on {@code server}. */
    public static SsmContract on(AwsContractServer server) {
        SsmContract ssm = new SsmContract();
        server.serve("ssm", ssm);
        return ssm;
    }

    /** How many GetCommandInvocation calls answer InProgress before the command is done (default 1). */
    public SsmContract pollsUntilDone(int polls) {
        this.pollsUntilDone = polls;
        return this;
    }

    public int pollsUntilDone() {
        return pollsUntilDone;
    }

    /** How commands sent from now on end: Success (default), Failed, TimedOut, ... */
    public SsmContract commandsEnd(String status) {
        this.outcome = status;
        return this;
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The value stored under {@code name} now, or null. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON;
    }

    @Override
    public Reply handle(Request request) {
        JsonNode body = request.json();
        return switch (request.action()) {
            case "SendCommand" -> sendCommand(body);
            case "GetCommandInvocation" -> getCommandInvocation(body);
            case "GetParameter" -> getParameter(body);
            case "DeleteParameter" -> deleteParameter(body);
            default -> Reply.error(Protocol.JSON, 400, "InvalidAction", "The action " + request.action()
                    + " is not valid for this web service.");
        };
    }

    private Reply sendCommand(JsonNode body) {
        String document = body.path("DocumentName").asText(null);
        List<String> instances = strings(body.path("InstanceIds"));
        List<String> lines = strings(body.path("Parameters").path("commands"));
        if (document == null || instances.isEmpty()) {
            return Reply.error(Protocol.JSON, 400, "ValidationException", "DocumentName and InstanceIds are required");
        }
        if (!List.of("AWS-RunShellScript", "AWS-RunPowerShellScript").contains(document)) {
            return Reply.error(Protocol.JSON, 400, "InvalidDocument", "Document " + document + " does not exist");
        }
        for (String instance : instances) {
            if (!instance.matches("i-[0-9a-f]{8}([0-9a-f]{9})?")) {
                return Reply.error(Protocol.JSON, 400, "InvalidInstanceId", "Instances [[" + instance
                        + "]] not in a valid state for account 123456789012");
            }
        }
        String id = UUID.randomUUID().toString();
        Command command = new Command(id, document, instances, lines, body.path("Parameters"),
                body.path("Comment").asText(null));
        commands.add(command);
        Matcher name = PARAMETER.matcher(String.join("\n", lines));
        runs.put(id, new Run(command, name.find() ? name.group() : null, new AtomicInteger(pollsUntilDone), outcome));
        ObjectNode reply = JSON.createObjectNode();
        ObjectNode out = reply.putObject("Command");
        out.put("CommandId", id);
        out.put("DocumentName", document);
        out.put("Comment", command.comment());
        out.set("InstanceIds", body.path("InstanceIds"));
        out.set("Parameters", body.path("Parameters"));
        out.put("Status", "Pending");
        out.put("StatusDetails", "Pending");
        out.put("RequestedDateTime", System.currentTimeMillis() / 1000.0);
        out.put("TargetCount", instances.size());
        return Reply.json(reply.toString());
    }

    private Reply getCommandInvocation(JsonNode body) {
        Run run = runs.get(body.path("CommandId").asText(""));
        String instance = body.path("InstanceId").asText("");
        if (run == null || !run.command().instanceIds().contains(instance)) {
            return Reply.error(Protocol.JSON, 400, "InvocationDoesNotExist", "The command invocation does not exist");
        }
        String status = "InProgress";
        if (run.pollsLeft().getAndDecrement() <= 0) {
            status = run.outcome();
            if ("Success".equals(status) && run.parameterName() != null) {
                parameters.putIfAbsent(run.parameterName(), password());
            }
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.put("CommandId", run.command().commandId());
        reply.put("InstanceId", instance);
        reply.put("DocumentName", run.command().documentName());
        reply.put("PluginName", "aws:runShellScript");
        reply.put("Status", status);
        reply.put("StatusDetails", status);
        reply.put("ResponseCode", "Success".equals(status) ? 0 : "InProgress".equals(status) ? -1 : 1);
        reply.put("StandardOutputContent", "Success".equals(status) ? "Elevate: the password was set" : "");
        reply.put("StandardErrorContent", "");
        return Reply.json(reply.toString());
    }

    private Reply getParameter(JsonNode body) {
        String name = body.path("Name").asText("");
        String value = parameters.get(name);
        if (value == null) {
            return Reply.error(Protocol.JSON, 400, "ParameterNotFound", "Parameter " + name + " not found.");
        }
        ObjectNode reply = JSON.createObjectNode();
        ObjectNode parameter = reply.putObject("Parameter");
        parameter.put("Name", name);
        parameter.put("Type", "SecureString");
        parameter.put("Value", body.path("WithDecryption").asBoolean(false) ? value
                : "AQICAHh" + Integer.toHexString(value.hashCode()) + "==");
        parameter.put("Version", 1);
        parameter.put("LastModifiedDate", System.currentTimeMillis() / 1000.0);
        parameter.put("ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter" + name);
        parameter.put("DataType", "text");
        return Reply.json(reply.toString());
    }

    private Reply deleteParameter(JsonNode body) {
        String name = body.path("Name").asText("");
        if (parameters.remove(name) == null) {
            return Reply.error(Protocol.JSON, 400, "ParameterNotFound", "Parameter " + name + " not found.");
        }
        return Reply.json("{}");
    }

    /** Puts a parameter, as the instance's script would. */
    public void put(String name, String value) {
        parameters.put(name, value);
    }

    private static String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array instanceof ArrayNode) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    @Override
    public String toString() {
        return "SsmContract" + commands;
    }
}
