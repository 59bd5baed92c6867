package io.elevate.insight;

import io.elevate.validation.Violation;
import io.elevate.workflow.UserText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page's or an endpoint's query string, read strictly and once for all of the oversight pages and the figures: a
 * parameter that is not one of the given names or that is given more than once is a {@link Violation}, an empty value
 * is "not given" (as an untouched form field sends it), and each typed value (a day, a single-line text, a whole
 * number) is checked where it is read, its problem named. Nothing is rewritten.
 */
public final class StrictQuery {

    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    private static final int MAX_TEXT = 255;

    private final Map<String, List<String>> params;
    private final List<Violation> violations = new ArrayList<>();

    private StrictQuery(Map<String, List<String>> params) {
        this.params = params;
    }

    /**
     * @param names   the parameters this page or endpoint has
     * @param unknown what an unknown parameter is told ("is not a filter of the history")
     */
    public static StrictQuery read(Map<String, List<String>> params, Set<String> names, String unknown) {
        StrictQuery query = new StrictQuery(params);
        params.forEach((name, values) -> {
            if (!names.contains(name)) {
                query.violations.add(Violation.of(name, unknown));
            } else if (values.size() > 1) {
                query.violations.add(Violation.of(name, "is given more than once"));
            }
        });
        return query;
    }

    /** The parameter's first value, or null when not given or empty. */
    public String value(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty() ? null
                : values.get(0);
    }

    /** A day, {@code yyyy-mm-dd}, from {@link #EARLIEST} to {@link #LATEST}; null when not given or refused. */
    public LocalDate day(String name) {
        String value = value(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                LocalDate day = LocalDate.parse(value);
                if (!day.isBefore(EARLIEST) && !day.isAfter(LATEST)) {
                    return day;
                }
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        violations.add(Violation.of(name, "must be a day between " + EARLIEST + " and " + LATEST
                + ", written yyyy-mm-dd"));
        return null;
    }

    /** A single-line text of at most 255 code points, no control characters; null when not given or refused. */
    public String text(String name) {
        String value = value(name);
        if (value == null) {
            return null;
        }
        return UserText.check(name, value, MAX_TEXT, false).map(violations::add).isPresent() ? null : value;
    }

    /** A whole number from 0 to {@code max}, written in digits only; {@code absent} when not given or refused. */
    public int count(String name, int absent, int max) {
        String value = value(name);
        if (value == null) {
            return absent;
        }
        if (value.matches("[0-9]{1,9}") && Integer.parseInt(value) <= max) {
            return Integer.parseInt(value);
        }
        violations.add(Violation.of(name, "must be a whole number between 0 and " + max));
        return absent;
    }

    /** Adds a problem found by the caller (a value that is not one of the page's choices, a range reversed). */
    public void refuse(String name, String message) {
        violations.add(Violation.of(name, message));
    }

    public List<Violation> violations() {
        return violations;
    }
}
