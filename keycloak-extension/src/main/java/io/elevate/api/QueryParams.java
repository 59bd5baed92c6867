package io.elevate.api;

import io.elevate.insight.StrictQuery;
import io.elevate.validation.Violation;
import io.elevate.workflow.UserText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Query parameters read by hand, each broken one a {@link Violation} naming it, for a 400 that lists them all. */
public final class QueryParams {

    private static final int MAX_TEXT = 255;

    private final List<Violation> violations = new ArrayList<>();

    public List<Violation> violations() {
        return violations;
    }

    /**
     * Query parameters of an endpoint that has exactly {@code names}, read strictly: one it does not have (a filter
     * misspelt) or one given twice would be ignored and the answer taken for a filtered one, so each is a violation
     * from the start.
     *
     * @param what the endpoint, as its violations name it ("the audit trail")
     */
    public static QueryParams strict(Map<String, List<String>> params, Set<String> names, String what) {
        QueryParams query = new QueryParams();
        query.violations.addAll(StrictQuery.read(params, names, "is not a parameter of " + what + " ("
                + String.join(", ", names.stream().sorted().toList()) + ")").violations());
        return query;
    }

    /** A whole number between {@code min} and {@code max}; {@code absent} when not given. */
    public int integer(String name, String value, int absent, int min, int max) {
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        violations.add(Violation.of(name, max == Integer.MAX_VALUE ? "must be a whole number, " + min + " or more"
                : "must be a whole number between " + min + " and " + max));
        return absent;
    }

    /** An instant within {@link Instants}' range, or null when not given. */
    public Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instants.Parsed parsed = Instants.parse(value);
        if (parsed.problem() != null) {
            violations.add(Violation.of(name, parsed.problem()));
        }
        return parsed.instant();
    }

    /** One of {@code allowed}, or null when not given. */
    public String oneOf(String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            violations.add(Violation.of(name, "must be one of " + String.join(", ", allowed)));
            return null;
        }
        return value;
    }

    /** A single-line text filter, or null when not given. */
    public String text(String name, String value) {
        if (value == null) {
            return null;
        }
        return UserText.check(name, value, MAX_TEXT, false).map(violations::add).isPresent() ? null : value;
    }
}
