package io.elevate.portal;

import io.elevate.validation.Violation;
import io.elevate.workflow.Outcome;
import io.elevate.workflow.RequestDraft;
import io.elevate.workflow.UserText;

import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fields of a portal form, read as the workflow wants them, with a {@link Violation} for each one that is not:
 * a whole number that is not one, a start that is not a date and time, text that breaks {@link UserText}. The workflow checks
 * everything else. What was typed is kept, to show the form again as it was.
 */
final class FormInput {

    /** A target option's value: the policy id, this separator, the instance id (empty for tag-scoped targets). */
    static final String TARGET_SEPARATOR = "|";
    static final int MAX_TEXT = 1024;
    static final int MAX_ID = 64;
    static final int MAX_TICKET = 64;

    private final MultivaluedMap<String, String> params;
    private final List<Violation> violations = new ArrayList<>();

    FormInput(MultivaluedMap<String, String> params) {
        this.params = params;
    }

    List<Violation> violations() {
        return violations;
    }

    /** The workflow step, when every field read so far was well-formed; else the broken rules, and no step. */
    Outcome unlessInvalid(Supplier<Outcome> step) {
        return violations.isEmpty() ? step.get() : Outcome.invalid(violations);
    }

    String raw(String field) {
        String value = params.getFirst(field);
        return value == null ? "" : value;
    }

    /** Text of several lines (a comment, a reason, a justification) as typed, or null when blank. */
    String text(String field, int maxCodePoints) {
        return text(field, maxCodePoints, true);
    }

    /**
     * The text as typed, or null when blank; refused (not rewritten) when it breaks {@link UserText}: control
     * characters, too long, or, in a single-line field, whitespace around it.
     */
    String text(String field, int maxCodePoints, boolean multiline) {
        String value = raw(field);
        if (value.isBlank()) {
            return null;
        }
        Optional<Violation> broken = UserText.check(field, value, maxCodePoints, multiline);
        broken.ifPresent(violations::add);
        return broken.isPresent() ? null : value;
    }

    /** A whole number of minutes, or null when blank. */
    Integer minutes(String field) {
        String value = raw(field);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            violations.add(Violation.of(field, "must be a whole number of minutes, such as 60"));
            return null;
        }
    }

    /** A start given as a date and time in UTC (an HTML datetime-local value), or null when blank. */
    Instant startInUtc(String field) {
        String value = raw(field);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "must be a date and time in UTC, such as 2026-11-21T09:00"));
            return null;
        }
    }

    /** A request (or break-glass) draft from the request form's fields. */
    RequestDraft draft() {
        String target = raw("target");
        int separator = target.indexOf(TARGET_SEPARATOR);
        String policyId = separator < 0 ? target : target.substring(0, separator);
        String instanceId = separator < 0 ? "" : target.substring(separator + 1);
        if (policyId.isEmpty()) {
            violations.add(Violation.of("target", "choose the target you need access to"));
        } else if (UserText.check("target", policyId, MAX_ID, false).isPresent()
                || UserText.check("target", instanceId, MAX_ID, false).isPresent()) {
            violations.add(Violation.of("target", "is not one of the targets offered"));
        }
        return new RequestDraft(policyId.isEmpty() ? null : policyId, instanceId.isEmpty() ? null : instanceId,
                text("justification", MAX_TEXT), text("ticket", MAX_TICKET, false), minutes("durationMinutes"),
                startInUtc("startsAt"));
    }

    /** The fields as typed, by name, to fill the form again. */
    Map<String, String> echo() {
        Map<String, String> echo = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (!CsrfGuard.FIELD.equals(name) && !values.isEmpty()) {
                echo.put(name, values.get(0));
            }
        });
        return echo;
    }
}
