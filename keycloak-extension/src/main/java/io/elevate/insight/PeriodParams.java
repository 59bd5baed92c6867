package io.elevate.insight;

import io.elevate.validation.Violation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's period, read strictly from {@code from} and {@code to} (days, {@code yyyy-mm-dd}, UTC, both
 * included), in the portal and the API alike: by default the last {@value #DEFAULT_DAYS} days up to today; at most
 * {@value #MAX_DAYS} days. A parameter that is unknown, repeated or malformed is a {@link Violation} (read by
 * {@link StrictQuery}, as the history's filters are).
 */
public final class PeriodParams {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;
    private static final Set<String> NAMES = Set.of("from", "to");

    private final List<Violation> violations = new ArrayList<>();
    private LocalDate from;
    private LocalDate to;

    private PeriodParams() {
    }

    /** @param params every query parameter given, with all its values; an empty value means "not given" */
    public static PeriodParams read(Map<String, List<String>> params, LocalDate today) {
        PeriodParams period = new PeriodParams();
        StrictQuery query = StrictQuery.read(params, NAMES, "is not a parameter of the dashboard (from, to)");
        LocalDate to = query.day("to");
        LocalDate from = query.day("from");
        period.violations.addAll(query.violations());
        if (!period.violations.isEmpty()) {
            return period;
        }
        period.to = to == null ? (from == null ? today : from.plusDays(DEFAULT_DAYS - 1)) : to;
        period.from = from == null ? period.to.minusDays(DEFAULT_DAYS - 1) : from;
        if (period.from.isAfter(period.to)) {
            period.violations.add(Violation.of("to", "must not be before from"));
        } else if (ChronoUnit.DAYS.between(period.from, period.to) + 1 > MAX_DAYS) {
            period.violations.add(Violation.of("to", "must be at most " + MAX_DAYS + " days after from, both included"));
        }
        return period;
    }

    public List<Violation> violations() { return violations; }
    public LocalDate from() { return from; }
    public LocalDate to() { return to; }
}
