package io.elevate.rules;

import io.elevate.validation.Violation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a policy setting that holds a JSON array of objects (rules, stages), strictly: no duplicate keys, no trailing
 * tokens, no unknown fields, every object's fields of the right type. Each problem is a violation of the setting.
 */
public final class JsonLists {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLists() {
    }

    /** The array's objects, or empty (with violations added) when the text is not an array of objects. */
    public static List<JsonNode> objects(String field, String text, Set<String> allowed, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (IOException e) {
            violations.add(Violation.of(field, "is not valid JSON: " + RuleEngine.oneLine(e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())));
            return List.of();
        }
        if (json == null || !json.isArray()) {
            violations.add(Violation.of(field, "must be a JSON array of objects"));
            return List.of();
        }
        List<JsonNode> objects = new ArrayList<>();
        int index = 0;
        for (JsonNode item : json) {
            index++;
            if (!item.isObject()) {
                violations.add(Violation.of(field, "entry " + index + " is not an object"));
                continue;
            }
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    violations.add(Violation.of(field, "entry " + index + " has an unknown field '" + name
                            + "' (known: " + String.join(", ", allowed) + ")"));
                }
            }
            objects.add(item);
        }
        return objects;
    }

    /** A text field of an entry: absent is empty; any other type is a violation. */
    public static Optional<String> text(JsonNode item, String name, Consumer<String> problem) {
        JsonNode value = item.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problem.accept("'" + name + "' must be a string");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }
}
