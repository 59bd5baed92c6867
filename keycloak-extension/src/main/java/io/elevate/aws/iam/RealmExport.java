package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;
import io.elevate.notify.NotificationSettings;
import io.elevate.notify.NotificationsPageFactory;
import io.elevate.signin.AwsElevationSamlMapper;
import io.elevate.signin.ElevationMapperConfig;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.ElevationPolicyPageFactory;
import io.elevate.workflow.Policies;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the IAM artifacts need from a realm export file ({@code kc.sh export --realm ...}, or the demo realm): the
 * elevation policies (components of type {@code org.keycloak.services.ui.extend.UiPageProvider}, provider
 * {@code elevation-policies}) and the elevation mapper of each client, on the client or in one of its default client
 * scopes; and the SNS topic of the "Elevate notifications" component (provider {@code elevate-notifications}). A policy
 * that does not read cleanly is left out, as the server leaves it out, and listed in {@link #skipped()}; so are
 * invalid notification settings, which the server does not use either.
 *
 * @param snsTopicArn the realm's notification topic, or null when it has none
 */
public record RealmExport(String realm, List<ElevationPolicy> policies, List<String> skipped,
                          Map<String, ElevationMapperConfig> mappers, String snsTopicArn) {

    static final String POLICY_COMPONENTS = "org.keycloak.services.ui.extend.UiPageProvider";

    public RealmExport {
        policies = List.copyOf(policies);
        skipped = List.copyOf(skipped);
        mappers = Map.copyOf(mappers);
    }

    public static RealmExport read(Path file) throws IOException {
        JsonNode json = Json.parse(Files.readString(file));
        if (!json.isObject()) {
            throw new IOException(file + " is not one realm's export (a JSON object); export one realm with "
                    + "kc.sh export --realm <name>");
        }
        List<ElevationPolicy> policies = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String topic = null;
        boolean notifications = false;
        for (JsonNode component : json.path("components").path(POLICY_COMPONENTS)) {
            String provider = component.path("providerId").asText();
            if (NotificationsPageFactory.PROVIDER_ID.equals(provider) && !notifications) {
                notifications = true;
                topic = snsTopicArn(config(component.path("config")), skipped);
            }
            if (!ElevationPolicyPageFactory.PROVIDER_ID.equals(provider)) {
                continue;
            }
            String name = component.path("name").asText();
            String id = component.hasNonNull("id") ? component.get("id").asText() : name;
            try {
                policies.add(Policies.fromConfig(id, name, config(component.path("config"))));
            } catch (IllegalArgumentException invalid) {
                skipped.add(invalid.getMessage());
            }
        }
        return new RealmExport(json.path("realm").asText(file.getFileName().toString()), policies, skipped,
                mappers(json), topic);
    }

    /** The topic of the notification settings, as the server reads them: invalid settings are not used at all. */
    private static String snsTopicArn(Map<String, List<String>> config, List<String> skipped) {
        NotificationSettings.Result result = NotificationSettings.read(config);
        if (result.settings() == null) {
            skipped.add("the notification settings are invalid and not used (no sns:Publish): " + result.violations()
                    .stream().map(v -> v.field() + " " + v.message()).toList());
            return null;
        }
        return result.settings().snsTopicArn();
    }

    public Optional<ElevationMapperConfig> mapper(String clientId) {
        return Optional.ofNullable(mappers.get(clientId));
    }

    private static Map<String, List<String>> config(JsonNode config) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        config.fields().forEachRemaining(field -> {
            List<String> list = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> list.add(v.asText()));
            } else {
                list.add(field.getValue().asText());
            }
            values.put(field.getKey(), list);
        });
        return values;
    }

    /** The first elevation mapper of each client: its own mappers first, then those of its default client scopes. */
    private static Map<String, ElevationMapperConfig> mappers(JsonNode realm) {
        Map<String, JsonNode> scopes = new LinkedHashMap<>();
        realm.path("clientScopes").forEach(scope -> scopes.put(scope.path("name").asText(), scope));
        Map<String, ElevationMapperConfig> mappers = new LinkedHashMap<>();
        for (JsonNode client : realm.path("clients")) {
            Stream<JsonNode> scoped = stream(client.path("defaultClientScopes"))
                    .map(name -> scopes.get(name.asText())).filter(Objects::nonNull)
                    .flatMap(scope -> stream(scope.path("protocolMappers")));
            Stream.concat(stream(client.path("protocolMappers")), scoped)
                    .filter(m -> AwsElevationSamlMapper.PROVIDER_ID.equals(m.path("protocolMapper").asText()))
                    .findFirst()
                    .ifPresent(m -> mappers.put(client.path("clientId").asText(),
                            ElevationMapperConfig.of(text(m.path("config")))));
        }
        return mappers;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static Map<String, String> text(JsonNode config) {
        Map<String, String> values = new LinkedHashMap<>();
        config.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
