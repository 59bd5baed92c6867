package io.elevate.aws.instances;

import io.elevate.aws.client.AwsClients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.SelectResourceConfigResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Instance tags from AWS Config's advanced query ({@code SelectResourceConfig}), for estates where paging through
 * {@code DescribeInstances} is too slow: one query names the instance, or the tags ({@code tags.tag = 'Key=Value'}).
 * Needs {@code config:SelectResourceConfig} and a configuration recorder that records EC2 instances; Config knows an
 * instance some minutes after it changed. Every id, key and value is checked against AWS's rules before it is put into
 * the query, and quoted; the answer is checked again here.
 */
public final class ConfigInstances implements InstanceDirectory {

    static final String SELECT = "SELECT resourceId, configuration.state.name, tags"
            + " WHERE resourceType = 'AWS::EC2::Instance'";
    /** The largest page SelectResourceConfig returns. */
    static final int PAGE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients clients;

    public ConfigInstances(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<Instance> find(String region, String instanceId) {
        Queries.checkInstanceId(instanceId);
        return query(region, SELECT + " AND resourceId = " + Queries.literal(instanceId), 1).stream()
                .filter(i -> i.instanceId().equals(instanceId) && !i.terminated()).findFirst();
    }

    @Override
    public List<Instance> list(String region, Map<String, String> tagFilter, int limit) {
        Queries.checkFilter(tagFilter);
        String where = tagFilter.entrySet().stream()
                .map(e -> " AND tags.tag = " + Queries.literal(e.getKey() + "=" + e.getValue()))
                .collect(Collectors.joining());
        return query(region, SELECT + where, limit).stream().filter(i -> !i.terminated() && i.matches(tagFilter))
                .sorted(Comparator.comparing(Instance::instanceId)).limit(limit).toList();
    }

    private List<Instance> query(String region, String expression, int limit) {
        List<Instance> found = new ArrayList<>();
        try {
            ConfigClient config = clients.config(region);
            String token = null;
            do {
                String next = token;
                SelectResourceConfigResponse page = config.selectResourceConfig(r -> r.expression(expression)
                        .limit(Math.min(PAGE, Math.max(1, limit))).nextToken(next));
                for (String result : page.results()) {
                    found.add(instance(result));
                }
                token = page.nextToken();
            } while (token != null && !token.isEmpty() && found.size() < limit);
        } catch (RuntimeException e) {
            throw InstanceLookupException.of("config:SelectResourceConfig", region, e);
        }
        return found;
    }

    /** One result: a JSON document in a string, {@code {"resourceId": ..., "configuration": ..., "tags": [...]}}. */
    static Instance instance(String result) {
        JsonNode json;
        try {
            json = JSON.readTree(result);
        } catch (IOException e) {
            throw new IllegalStateException("AWS Config answered a result that is not JSON", e);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        json.path("tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText("")));
        JsonNode state = json.path("configuration").path("state").path("name");
        return new Instance(json.path("resourceId").asText(), state.isMissingNode() ? null : state.asText(), tags);
    }
}
