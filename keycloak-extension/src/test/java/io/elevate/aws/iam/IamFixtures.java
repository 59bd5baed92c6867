package io.elevate.aws.iam;

import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.Policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Policies as an admin stores them, the demo realm, and the hand-written AWS files. */
final class IamFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("elevate.root", ".."));
    static final Path DEMO_REALM = ROOT.resolve("realm-config/elevate-demo-realm.json");
    static final Path AWS_DIR = ROOT.resolve("realm-config/aws");

    private IamFixtures() {
    }

    static RealmExport demoRealm() {
        try {
            return RealmExport.read(DEMO_REALM);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode handWritten(String file) {
        try {
            return JSON.readTree(Files.readString(AWS_DIR.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid policy for this account, role and tags, through the same reading code as the server's. */
    static ElevationPolicy policy(String name, String accountId, String roleName, String samlProvider,
                                  Map<String, String> tags) {
        return Policies.fromConfig(name, name, config(accountId, roleName, samlProvider, tags));
    }

    /**
     * A valid policy of account 123456789012 with more settings (comma-separated values are lists), e.g.
     * {@code instanceTags} or the break-glass OS credential.
     */
    static ElevationPolicy policy(String roleName, Map<String, String> tags, Map<String, String> settings) {
        Map<String, List<String>> config = config("123456789012", roleName, "Keycloak", tags);
        settings.forEach((key, value) -> config.put(key, List.of(value.split(","))));
        return Policies.fromConfig(roleName + " policy", roleName + " policy", config);
    }

    private static Map<String, List<String>> config(String accountId, String roleName, String samlProvider,
                                                    Map<String, String> tags) {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put("accountId", List.of(accountId));
        config.put("roleName", List.of(roleName));
        config.put("samlProvider", List.of(samlProvider));
        config.put("region", List.of("eu-west-1"));
        config.put("tags", List.of(tags.entrySet().stream()
                .map(e -> "{\"key\": \"" + e.getKey() + "\", \"value\": \"" + e.getValue() + "\"}")
                .collect(Collectors.joining(", ", "[", "]"))));
        config.put("eligibleGroups", List.of("/operators"));
        config.put("approverGroups", List.of("/approvers"));
        return config;
    }

    static ElevationPolicy policy(String roleName, Map<String, String> tags) {
        return policy(roleName + " policy", "123456789012", roleName, "Keycloak", tags);
    }

    static IamArtifacts generate(List<ElevationPolicy> policies, IamOptions options) {
        return IamArtifacts.generate("test", policies, options, clientId -> Optional.empty());
    }

    /** The artifacts of a realm whose notifications go to this SNS topic. */
    static IamArtifacts generate(List<ElevationPolicy> policies, String snsTopicArn) {
        return IamArtifacts.generate("test", policies, IamOptions.defaults(), clientId -> Optional.empty(), snsTopicArn);
    }

    static Map<String, String> tags(String... keysAndValues) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }

    /** The size as AWS counts it, computed apart from the generator: the pretty JSON less every whitespace. */
    static int awsSize(JsonNode document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document).replaceAll("\\s", "").length();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
