package io.elevate.portal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail of a record the transition core did not write (the revocation and OS-password outboxes, the request
 * limits, policy changes) told as labelled fields ({@code elevatePortalDetail_<key>} in the messages) rather than its
 * stored {@code {key=value, ...}} text: {@code {role=arn:…, state=FAILED, attempts=2, error=…}} becomes
 * <em>Role</em> arn:…, <em>State</em> FAILED, <em>Attempts</em> 2, <em>Last error</em> …. Only the keys those writers
 * use are read, each at most once; a value runs to the next such key (and only a free text, such as an error, may
 * hold what looks like another key). A step name before the braces
 * ({@code DeleteParameter: {…}}) and a remark in parentheses after them are kept as fields of their own. The action
 * and actor a detail repeats are left out (the sentence and the columns say them). A detail of any other shape yields
 * nothing, and the page shows it as stored.
 */
final class AuditFields {

    /** The keys read, in the order the page lists them. */
    static final List<String> KEYS = List.of("step", "policy", "name", "changed", "role", "instance", "region", "user",
            "parameter", "state", "commandId", "attempts", "nextAttemptAt", "deleteAfter", "pruneAfter",
            "retryAfterSeconds", "breakGlass", "roleChaining", "runAsUser", "error", "note");
    /** Keys a detail may hold that the sentence and the columns already tell. */
    private static final Set<String> REPEATED = Set.of("action", "actor");
    /** Keys that are instants, shown as the portal shows times. */
    private static final Set<String> TIMES = Set.of("nextAttemptAt", "deleteAfter", "pruneAfter");
    private static final Pattern KEY = Pattern.compile("([A-Za-z]+)=");
    /** Keys whose values are free text (an error, a name, a list of changes); any other value is one token-like run. */
    private static final Set<String> FREE = Set.of("error", "name", "changed");
    private static final Pattern ANOTHER_KEY = Pattern.compile(", [A-Za-z]+=");
    private static final Pattern STEP = Pattern.compile("([A-Za-z]{1,40}): ");
    private static final Pattern NOTE = Pattern.compile(" \\(([^(){}]{1,200})\\)");

    private AuditFields() {
    }

    /** The fields of {@code detail}, or empty when it is not of these writers' shape. */
    static Optional<List<AuditView.Field>> read(String detail) {
        if (detail == null) {
            return Optional.empty();
        }
        int open = detail.indexOf('{');
        int close = detail.lastIndexOf('}');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String step = null;
        if (open > 0) {
            Matcher m = STEP.matcher(detail.substring(0, open));
            if (!m.matches()) {
                return Optional.empty();
            }
            step = m.group(1);
        }
        String note = null;
        if (close < detail.length() - 1) {
            Matcher m = NOTE.matcher(detail.substring(close + 1));
            if (!m.matches()) {
                return Optional.empty();
            }
            note = m.group(1);
        }
        List<String[]> pairs = pairs(detail.substring(open + 1, close));
        if (pairs == null) {
            return Optional.empty();
        }
        List<AuditView.Field> fields = new ArrayList<>();
        if (step != null) {
            fields.add(new AuditView.Field("step", step));
        }
        pairs.stream().filter(p -> !REPEATED.contains(p[0]))
                .sorted(java.util.Comparator.comparingInt(p -> KEYS.indexOf(p[0])))
                .forEach(p -> fields.add(new AuditView.Field(p[0], value(p[0], p[1]))));
        if (note != null) {
            fields.add(new AuditView.Field("note", note));
        }
        return Optional.of(fields);
    }

    /** "key: value; key: value", for the CSV. */
    static String text(List<AuditView.Field> fields) {
        return String.join("; ", fields.stream().map(f -> f.getKey() + ": " + f.getValue()).toList());
    }

    /** The body's {key, value} pairs, or null when a key is unknown or repeated. */
    private static List<String[]> pairs(String body) {
        List<String[]> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int at = 0;
        while (at < body.length()) {
            Matcher key = KEY.matcher(body).region(at, body.length());
            if (!key.lookingAt() || !known(key.group(1)) || !seen.add(key.group(1))) {
                return null;
            }
            int valueStart = key.end();
            int valueEnd = next(body, valueStart);
            if (!FREE.contains(key.group(1)) && ANOTHER_KEY.matcher(body.substring(valueStart, valueEnd)).find()) {
                return null; // a key this reader does not know: another shape
            }
            pairs.add(new String[] {key.group(1), body.substring(valueStart, valueEnd)});
            at = valueEnd == body.length() ? valueEnd : valueEnd + 2;
        }
        return pairs.isEmpty() ? null : pairs;
    }

    /** Where the value starting at {@code from} ends: at the next ", key=" of a known key, or at the end. */
    private static int next(String body, int from) {
        int at = body.indexOf(", ", from);
        while (at >= 0) {
            Matcher key = KEY.matcher(body).region(at + 2, body.length());
            if (key.lookingAt() && known(key.group(1))) {
                return at;
            }
            at = body.indexOf(", ", at + 2);
        }
        return body.length();
    }

    private static boolean known(String key) {
        return (KEYS.contains(key) && !key.equals("step") && !key.equals("note")) || REPEATED.contains(key);
    }

    private static String value(String key, String value) {
        if (TIMES.contains(key)) {
            try {
                return Times.format(Instant.parse(value));
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        return value;
    }
}
