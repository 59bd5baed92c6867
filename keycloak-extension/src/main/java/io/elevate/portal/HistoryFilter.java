package io.elevate.portal;

import io.elevate.audit.AuditLog;
import io.elevate.insight.StrictQuery;
import io.elevate.validation.Violation;

import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The history page's filters, read strictly from its address (a GET form, so that a filtered view can be shared):
 * {@code person} (a username: what they did and what was done to their requests), {@code target} (a policy id),
 * {@code action}, {@code breakGlass=yes}, {@code from} and {@code to} (days, {@code yyyy-mm-dd}, UTC, both included),
 * {@code page}. A parameter given twice, unknown, or malformed is a {@link Violation}, read by {@link StrictQuery} as
 * the dashboard's period is; nothing is rewritten.
 */
final class HistoryFilter {

    static final Set<String> NAMES = Set.of("person", "target", "action", "breakGlass", "from", "to", "page");
    /** The CSV's: the page's filters without {@code page} (the CSV is the newest records, whatever page was shown). */
    static final Set<String> CSV_NAMES = Set.of("person", "target", "action", "breakGlass", "from", "to");
    static final int MAX_PAGE = 100_000;

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
        return read(params, isPolicy, NAMES, "is not a filter of the history");
    }

    /**
     * The CSV download's filters: as {@link #read}, but a {@code page} is refused rather than ignored (the CSV would
     * answer with the newest records, not that page's).
     */
    static HistoryFilter readCsv(MultivaluedMap<String, String> params, Predicate<String> isPolicy) {
        return read(params, isPolicy, CSV_NAMES, "is not a filter of the history's CSV (it holds the newest records)");
    }

    private static HistoryFilter read(MultivaluedMap<String, String> params, Predicate<String> isPolicy,
                                      Set<String> names, String unknown) {
        HistoryFilter filter = new HistoryFilter();
        StrictQuery query = StrictQuery.read(params, names, unknown);
        filter.person = query.text("person");
        filter.target = query.value("target");
        if (filter.target != null && !isPolicy.test(filter.target)) {
            query.refuse("target", "is not a policy of this realm");
            filter.target = null;
        }
        filter.action = query.value("action");
        if (filter.action != null && !AuditActions.ALL.contains(filter.action)) {
            query.refuse("action", "must be one of " + String.join(", ", AuditActions.ALL));
            filter.action = null;
        }
        String glass = query.value("breakGlass");
        if (glass != null && !"yes".equals(glass)) {
            query.refuse("breakGlass", "must be yes, or not given");
        }
        filter.breakGlass = "yes".equals(glass);
        filter.from = query.day("from");
        filter.to = query.day("to");
        if (filter.from != null && filter.to != null && filter.from.isAfter(filter.to)) {
            query.refuse("to", "must not be before from");
        }
        filter.page = names.contains("page") ? query.count("page", 0, MAX_PAGE) : 0;
        filter.violations.addAll(query.violations());
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
