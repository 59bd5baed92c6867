package io.elevate.api;

import io.elevate.aws.Violation;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads typed fields out of a JSON object, collecting a {@link Violation} for each one that is missing or mistyped. */
public final class JsonFields {

    private final JsonNode json;
    private final List<Violation> violations = new ArrayList<>();

    public JsonFields(JsonNode json, Set<String> known) {
        this.json = json;
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(Violation.of(name, "is not a known field (known: " + String.join(", ", known) + ")"));
            }
        }
    }

    public List<Violation> violations() {
        return violations;
    }

    public void reject(String field, String message) {
        violations.add(Violation.of(field, message));
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                reject(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            reject(field, "must be a string");
            return null;
        }
        String value = node.asText().trim();
        if (required && value.isEmpty()) {
            reject(field, "must not be blank");
            return null;
        }
        if (value.length() > maxLength) {
            reject(field, "is " + value.length() + " characters long; at most " + maxLength + " are allowed");
            return null;
        }
        return value.isEmpty() ? null : value;
    }

    public Instant instant(String field) {
        String value = text(field, false, 64);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            reject(field, "must be an ISO-8601 instant such as 2026-11-21T09:00:00Z");
            return null;
        }
    }

    public Integer integer(String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            reject(field, "must be a whole number");
            return null;
        }
        return node.intValue();
    }

    /** A JSON object of string values, in the order given. */
    public Map<String, String> stringMap(String field) {
        JsonNode node = json.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            reject(field, "must be an object of tag key to value");
            return map;
        }
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                map.put(entry.getKey(), entry.getValue().asText());
            } else {
                reject(field + "." + entry.getKey(), "must be a string");
            }
        });
        return map;
    }
}
