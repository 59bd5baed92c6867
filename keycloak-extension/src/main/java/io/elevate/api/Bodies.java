package io.elevate.api;

import io.elevate.validation.Violation;
import io.elevate.workflow.RequestDraft;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The request bodies of the elevation API, each read whole into a typed value before any workflow step sees it: the
 * value, or every rule the body breaks, never both.
 */
final class Bodies {

    /** Comments, reasons and justifications: several lines allowed. */
    static final int MAX_TEXT = 1024;
    static final int MAX_ID = 64;
    static final int MAX_TICKET = 64;

    static final Shape<RequestDraft> REQUEST = new Shape<>(
            Set.of("policy", "instanceId", "justification", "ticket", "durationMinutes", "startsAt"), f -> draft(f, true));
    static final Shape<RequestDraft> BREAK_GLASS = new Shape<>(
            Set.of("policy", "instanceId", "justification", "ticket", "durationMinutes"), f -> draft(f, false));
    static final Shape<String> COMMENT = new Shape<>(Set.of("comment"),
            f -> f.text("comment", false, MAX_TEXT, true));
    static final Shape<String> REASON = new Shape<>(Set.of("reason"), f -> f.text("reason", false, MAX_TEXT, true));
    static final Shape<Extension> EXTENSION = new Shape<>(Set.of("minutes", "justification"),
            f -> new Extension(f.integer("minutes"), f.text("justification", false, MAX_TEXT, true)));

    private Bodies() {
    }

    /** An extension asked for: how many more minutes, and why. */
    record Extension(Integer minutes, String justification) {
    }

    /** What a body read gave: the value when {@code violations} is empty. */
    record Read<T>(T value, List<Violation> violations) {

        boolean valid() {
            return violations.isEmpty();
        }
    }

    /** The fields a body may have, and how to read them into a value. */
    record Shape<T>(Set<String> fields, Function<JsonFields, T> reader) {

        Read<T> read(JsonNode json) {
            JsonFields fields = new JsonFields(json, this.fields);
            T value = reader.apply(fields);
            return fields.violations().isEmpty() ? new Read<>(value, List.of())
                    : new Read<>(null, List.copyOf(fields.violations()));
        }
    }

    private static RequestDraft draft(JsonFields fields, boolean scheduled) {
        return new RequestDraft(fields.text("policy", true, MAX_ID), fields.text("instanceId", false, MAX_ID),
                fields.text("justification", false, MAX_TEXT, true), fields.text("ticket", false, MAX_TICKET),
                fields.integer("durationMinutes"), scheduled ? fields.instant("startsAt") : null);
    }
}
