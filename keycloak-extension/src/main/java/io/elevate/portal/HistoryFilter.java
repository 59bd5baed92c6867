package io.elevate.portal;

import io.elevate.audit.AuditLog;
import io.elevate.validation.Violation;
import io.elevate.workflow.UserText;

import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The history page's filters, read strictly from its address (a GET form, so that a filtered view can be shared):
 * {@code person} (a username: what they did and what was done to their requests), {@code target} (a policy id),
 * {@code action}, {@code breakGlass=yes}, {@code from} and {@code to} (days, {@code yyyy-mm-dd}, UTC, both included),
 * {@code page}. A parameter given twice, unknown, or malformed is a {@link Violation}; nothing is rewritten.
 */
final class HistoryFilter {

    static final Set<String> NAMES = Set.of("person", "target", "action", "breakGlass", "from", "to", "page");
    static final int MAX_PAGE = 100_000;
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private final Map<String, String> given = new LinkedHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private String person;
    private String target;
    private String action;
    private boolean breakGlass;
    private LocalDate from;
    private LocalDate to;
    private int page;

    private HistoryFilter() {
    }

    /**
     * Reads the parameters; {@code isPolicy} says whether a target names a policy of the realm. Empty values are
     * "no filter", as an untouched field of the form sends them.
     */
    static HistoryFilter read(MultivaluedMap<String, String> params, Predicate<String> isPolicy) {
        HistoryFilter filter = new HistoryFilter();
        for (String name : params.keySet()) {
            if (!NAMES.contains(name)) {
                filter.violations.add(Violation.of(name, "is not a filter of the history"));
            } else if (params.get(name).size() > 1) {
                filter.violations.add(Violation.of(name, "is given more than once"));
            }
        }
        Function<String, String> value = name -> {
            String v = params.getFirst(name);
            return v == null || v.isEmpty() ? null : v;
        };
        filter.person = filter.text("person", value.apply("person"));
        filter.target = value.apply("target");
        if (filter.target != null && !isPolicy.test(filter.target)) {
            filter.violations.add(Violation.of("target", "is not a policy of this realm"));
            filter.target = null;
        }
        filter.action = value.apply("action");
        if (filter.action != null && !AuditActions.ALL.contains(filter.action)) {
            filter.violations.add(Violation.of("action", "must be one of " + String.join(", ", AuditActions.ALL)));
            filter.action = null;
        }
        String glass = value.apply("breakGlass");
        if (glass != null && !"yes".equals(glass)) {
            filter.violations.add(Violation.of("breakGlass", "must be yes, or not given"));
        }
        filter.breakGlass = "yes".equals(glass);
        filter.from = filter.day("from", value.apply("from"));
        filter.to = filter.day("to", value.apply("to"));
        if (filter.from != null && filter.to != null && filter.from.isAfter(filter.to)) {
            filter.violations.add(Violation.of("to", "must not be before from"));
        }
        String page = value.apply("page");
        if (page != null) {
            if (page.matches("[0-9]{1,6}") && Integer.parseInt(page) <= MAX_PAGE) {
                filter.page = Integer.parseInt(page);
            } else {
                filter.violations.add(Violation.of("page", "must be a whole number between 0 and " + MAX_PAGE));
            }
        }
        if (filter.violations.isEmpty()) {
            record(filter);
        }
        return filter;
    }

    private static void record(HistoryFilter f) {
        put(f.given, "person", f.person);
        put(f.given, "target", f.target);
        put(f.given, "action", f.action);
        put(f.given, "breakGlass", f.breakGlass ? "yes" : null);
        put(f.given, "from", f.from == null ? null : f.from.toString());
        put(f.given, "to", f.to == null ? null : f.to.toString());
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private String text(String name, String value) {
        if (value == null) {
            return null;
        }
        return UserText.check(name, value, 255, false).map(violations::add).isPresent() ? null : value;
    }

    private LocalDate day(String name, String value) {
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
        violations.add(Violation.of(name, "must be a day between 2000-01-01 and 9999-12-31, written yyyy-mm-dd"));
        return null;
    }

    List<Violation> violations() { return violations; }
    boolean valid() { return violations.isEmpty(); }
    String person() { return person; }
    String target() { return target; }
    String action() { return action; }
    boolean breakGlass() { return breakGlass; }
    LocalDate from() { return from; }
    LocalDate to() { return to; }
    int page() { return page; }

    /** The filters as given (valid ones only), for the form's fields. */
    Map<String, String> values() { return given; }

    boolean any() { return !given.isEmpty(); }

    /** The search; {@code username} and {@code personId} of the person filter's user, when that user exists. */
    AuditLog.Search search(String username, String personId) {
        String name = person == null ? null : username == null ? person : username;
        return new AuditLog.Search(name, person == null ? null : personId, target, action, breakGlass,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The filters as a query string ({@code a=1&b=2}, no leading {@code ?}), empty without filters. */
    String query() {
        return given.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
