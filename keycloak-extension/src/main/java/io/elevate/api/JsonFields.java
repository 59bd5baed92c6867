package io.elevate.api;

import io.elevate.validation.Violation;
import io.elevate.workflow.UserText;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed fields out of a JSON object, collecting a {@link Violation} for each one that is unknown, missing,
 * mistyped or breaks {@link UserText}'s rule. Nothing is trimmed or otherwise rewritten: a value is taken as sent, or
 * refused.
 */
public final class JsonFields {

    private final JsonNode json;
    private final List<Violation> violations = new ArrayList<>();

    public JsonFields(JsonNode json, Set<String> known) {
        this.json = json;
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(Violation.of(safeName(name), "is not a known field (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")"));
            }
        }
    }

    public List<Violation> violations() {
        return violations;
    }

    public void reject(String field, String message) {
        violations.add(Violation.of(field, message));
    }

    /** A single-line text: no control characters, no leading or trailing whitespace. Null when absent. */
    public String text(String field, boolean required, int maxCodePoints) {
        return text(field, required, maxCodePoints, false);
    }

    /**
     * A text of at most {@code maxCodePoints} code points, refused (never rewritten) when it breaks {@link UserText};
     * {@code multiline} allows tabs and line breaks. Null when absent, or empty and not required.
     */
    public String text(String field, boolean required, int maxCodePoints, boolean multiline) {
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
        String value = node.textValue();
        if (value.isBlank()) {
            if (required || !value.isEmpty()) {
                reject(field, required ? "must not be blank" : "is blank; leave it out instead");
            }
            return null;
        }
        Optional<Violation> broken = UserText.check(field, value, maxCodePoints, multiline);
        if (broken.isPresent()) {
            violations.add(broken.get());
            return null;
        }
        return value;
    }

    /** An ISO-8601 instant within {@link Instants#parse}'s range. */
    public Instant instant(String field) {
        String value = text(field, false, 64);
        if (value == null) {
            return null;
        }
        Instants.Parsed parsed = Instants.parse(value);
        if (parsed.problem() != null) {
            reject(field, parsed.problem());
        }
        return parsed.instant();
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

    /**
     * A JSON object of string values, in the order given; keys and values single-line text under {@link UserText}'s
     * rule (their lengths are the caller's rule). A refused entry is kept in the map so that the caller's own rules do
     * not report it missing; the violation already stops the body.
     */
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
            UserText.check(field, entry.getKey(), Integer.MAX_VALUE, false)
                    .ifPresent(key -> reject(field, "a key " + key.message()));
            if (!entry.getValue().isTextual()) {
                reject(field + "." + entry.getKey(), "must be a string");
                return;
            }
            UserText.check(field + "." + entry.getKey(), entry.getValue().textValue(), Integer.MAX_VALUE, false)
                    .ifPresent(violations::add);
            map.put(entry.getKey(), entry.getValue().textValue());
        });
        return map;
    }

    /** A field name as sent, fit to be echoed: cut short, and its control characters shown as escapes. */
    private static String safeName(String name) {
        StringBuilder safe = new StringBuilder();
        name.codePoints().limit(64).forEach(c -> {
            if (UserText.check("", new String(Character.toChars(c)), 1, false).isPresent()) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }
}
