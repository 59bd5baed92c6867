package io.elevate.testing.aws;

import io.elevate.testing.aws.AwsContractServer.Protocol;
import io.elevate.testing.aws.AwsContractServer.Reply;
import io.elevate.testing.aws.AwsContractServer.Request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Config's advanced query {@code SelectResourceConfig} (JSON 1.1, {@code StarlingDoveService}) for EC2 instances,
 * as the {@link AwsContractServer} serves it: {@code {"Results": ["<a JSON document as a string>", ...],
 * "QueryInfo": {"SelectFields": [...]}, "NextToken": ...}}. It understands the queries Elevate sends (the select list,
 * {@code resourceType}, {@code resourceId = '...'} and {@code tags.tag = 'Key=Value'} joined by AND, with quotes
 * doubled inside literals) and refuses anything else with {@code InvalidExpressionException}; {@code Limit} and
 * {@code NextToken} page the results.
 */
public final class ConfigContract implements AwsContractServer.Handler {

    public static final String SELECT = "SELECT resourceId, configuration.state.name, tags"
            + " WHERE resourceType = 'AWS::EC2::Instance'";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONDITION = Pattern.compile("\\s*AND\\s+([A-Za-z.]+)\\s*=\\s*'((?:[^']|'')*)'");

    private record Item(String instanceId, String state, Map<String, String> tags) {
    }

    private final Map<String, Item> instances = new ConcurrentSkipListMap<>();
    private volatile int pageSize = 100;

    public static ConfigContract on(AwsContractServer server) {
        ConfigContract config = new ConfigContract();
        server.serve("config", config);
        return config;
    }

    /** The most results one answer holds (AWS Config's own: 100), whatever the Limit. */
    public ConfigContract pageSize(int size) {
        pageSize = size;
        return this;
    }

    /** Records an instance's configuration item. */
    public ConfigContract instance(String instanceId, String state, Map<String, String> tags) {
        instances.put(instanceId, new Item(instanceId, state, new LinkedHashMap<>(tags)));
        return this;
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON;
    }

    @Override
    public Reply handle(Request request) {
        if (!"SelectResourceConfig".equals(request.action())) {
            return Reply.error(Protocol.JSON, 400, "UnknownOperationException", "unknown " + request.action());
        }
        JsonNode body = request.json();
        String expression = body.path("Expression").asText();
        if (!expression.startsWith(SELECT)) {
            return invalid(expression);
        }
        List<Item> found = new ArrayList<>(instances.values());
        Matcher m = CONDITION.matcher(expression);
        int at = SELECT.length();
        while (at < expression.length()) {
            if (!m.find(at) || m.start() != at) {
                return invalid(expression);
            }
            String field = m.group(1);
            String value = m.group(2).replace("''", "'");
            switch (field) {
                case "resourceId" -> found.removeIf(i -> !i.instanceId().equals(value));
                case "tags.tag" -> found.removeIf(i -> i.tags().entrySet().stream()
                        .noneMatch(t -> (t.getKey() + "=" + t.getValue()).equals(value)));
                default -> {
                    return invalid(expression);
                }
            }
            at = m.end();
        }
        int limit = body.path("Limit").asInt(0);
        if (limit < 0 || limit > 100) {
            return Reply.error(Protocol.JSON, 400, "InvalidLimitException", "Limit must be 0 to 100");
        }
        int from = body.hasNonNull("NextToken") ? Integer.parseInt(body.path("NextToken").asText()) : 0;
        int to = Math.min(found.size(), from + Math.min(limit == 0 ? pageSize : limit, pageSize));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("Results");
        for (Item item : found.subList(Math.min(from, found.size()), to)) {
            ObjectNode doc = JSON.createObjectNode();
            doc.put("resourceId", item.instanceId());
            doc.putObject("configuration").putObject("state").put("name", item.state());
            ArrayNode tags = doc.putArray("tags");
            item.tags().forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
            results.add(doc.toString());
        }
        ArrayNode fields = answer.putObject("QueryInfo").putArray("SelectFields");
        for (String name : List.of("resourceId", "configuration.state.name", "tags")) {
            fields.addObject().put("Name", name);
        }
        if (to < found.size()) {
            answer.put("NextToken", Integer.toString(to));
        }
        return Reply.json(answer.toString());
    }

    private static Reply invalid(String expression) {
        return Reply.error(Protocol.JSON, 400, "InvalidExpressionException",
                "The contract server does not understand the expression: " + expression);
    }
}
