package io.elevate.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reason a workflow transition's audit record carries, read back from its stored detail. The transition core
 * writes {@code {action=A, status=S, requester=R, actor=N}}, then the extras it has in this order: {@code stage=},
 * {@code rule=}, {@code decision=}, what a new window grants ({@code roleChaining=}, {@code runAsUser=}), and last
 * {@code reason=TEXT}, where TEXT is the person's own words and may hold anything, commas and braces included. A
 * refusal that left no window (a deny rule, a rule that failed) is written
 * {@code {action=A, actor=N, policy=P, rule=R, breakGlass=true, reason=TEXT}} (or {@code error=TEXT}; breakGlass only
 * for a refused break-glass attempt). So the detail is read exactly:
 * every field before the reason must be the record's own (its action, its actor's name), and the reason is all that
 * follows up to the closing brace. A detail of any other shape (other writers, a shortened text) yields nothing, and
 * the page shows the stored text as it is; older rows, which wrote the extras after the reason, read as before (the
 * extras then are part of the reason).
 */
public final class TransitionDetail {

    private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,32}");
    private static final Pattern REQUESTER = Pattern.compile("[0-9A-Za-z-]{1,36}");
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final Pattern POLICY = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    /**
     * The extras in the order the transition core writes them: its first keys, then the others sorted by name (what a
     * new window grants: {@code roleChaining}, {@code runAsUser}; a refused break-glass attempt's {@code breakGlass}),
     * the person's words last.
     */
    private static final List<String> EXTRAS = List.of("stage", "rule", "decision", "roleChaining", "runAsUser",
            "reason");
    /** What a refusal's detail holds besides its head, in the order written; policy, rule and the last are required. */
    private static final List<String> REFUSAL_EXTRAS = List.of("policy", "rule", "breakGlass");
    private static final List<String> REFUSALS = List.of("DENIED", "RULE_ERROR");

    private TransitionDetail() {
    }

    /**
     * What a transition's detail says besides the record's columns: for a refusal, status and requester are null and
     * policy the policy's id; the stage, rule and decision are null when the detail has none.
     */
    public record Parsed(String status, String requesterId, String reason, String stage, String rule, String decision,
                         String policyId, Map<String, String> more) {

        public Parsed(String status, String requesterId, String reason) {
            this(status, requesterId, reason, null, null, null, null, Map.of());
        }

        public Parsed {
            more = Map.copyOf(more);
        }
    }

    /** The keys of {@link Parsed#more}: what a new window grants, and whether a refusal refused break-glass. */
    public static final List<String> MORE = List.of("breakGlass", "roleChaining", "runAsUser");

    public static Optional<Parsed> parse(AuditRecord record) {
        String detail = record.detail();
        if (detail == null || record.action() == null || record.actorName() == null || !detail.endsWith("}")) {
            return Optional.empty();
        }
        if (REFUSALS.contains(record.action())) {
            return refusal(record, detail);
        }
        String head = "{action=" + record.action() + ", status=";
        if (!detail.startsWith(head)) {
            return Optional.empty();
        }
        int statusEnd = detail.indexOf(", requester=", head.length());
        if (statusEnd < 0 || !STATUS.matcher(detail.substring(head.length(), statusEnd)).matches()) {
            return Optional.empty();
        }
        String status = detail.substring(head.length(), statusEnd);
        int requesterStart = statusEnd + ", requester=".length();
        int requesterEnd = detail.indexOf(", actor=", requesterStart);
        if (requesterEnd < 0 || !REQUESTER.matcher(detail.substring(requesterStart, requesterEnd)).matches()) {
            return Optional.empty();
        }
        String requester = detail.substring(requesterStart, requesterEnd);
        String actor = ", actor=" + record.actorName();
        if (!detail.startsWith(actor, requesterEnd)) {
            return Optional.empty();
        }
        Map<String, String> extras = extras(detail.substring(requesterEnd + actor.length(), detail.length() - 1),
                EXTRAS);
        if (extras == null || (extras.containsKey("rule") && !RULE.matcher(extras.get("rule")).matches())) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(status, requester, extras.get("reason"), extras.get("stage"), extras.get("rule"),
                extras.get("decision"), null, more(extras)));
    }

    /** {@code {action=A, actor=N, policy=P, rule=R, reason=TEXT}}, or {@code error=TEXT} for a rule that failed. */
    private static Optional<Parsed> refusal(AuditRecord record, String detail) {
        String head = "{action=" + record.action() + ", actor=" + record.actorName();
        if (!detail.startsWith(head)) {
            return Optional.empty();
        }
        String last = "DENIED".equals(record.action()) ? "reason" : "error";
        List<String> keys = new java.util.ArrayList<>(REFUSAL_EXTRAS);
        keys.add(last);
        Map<String, String> extras = extras(detail.substring(head.length(), detail.length() - 1), keys);
        if (extras == null || !extras.keySet().containsAll(List.of("policy", "rule", last))
                || !POLICY.matcher(extras.get("policy")).matches() || !RULE.matcher(extras.get("rule")).matches()
                || (extras.containsKey("breakGlass") && !"true".equals(extras.get("breakGlass")))) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(null, null, extras.get(last), null, extras.get("rule"), null,
                extras.get("policy"), more(extras)));
    }

    private static Map<String, String> more(Map<String, String> extras) {
        Map<String, String> more = new LinkedHashMap<>();
        MORE.stream().filter(extras::containsKey).forEach(k -> more.put(k, extras.get(k)));
        return more;
    }

    /**
     * Reads {@code , key=value} pairs whose keys come in the given order, each optional; a value runs to the next
     * later key, the last key's to the end. Null when the text is of another shape.
     */
    private static Map<String, String> extras(String rest, List<String> keys) {
        Map<String, String> found = new LinkedHashMap<>();
        int at = 0;
        int key = 0;
        while (at < rest.length()) {
            int k = key;
            while (k < keys.size() && !rest.startsWith(", " + keys.get(k) + "=", at)) {
                k++;
            }
            if (k == keys.size()) {
                return null;
            }
            int valueStart = at + keys.get(k).length() + 3;
            int valueEnd = rest.length();
            for (int later = k + 1; later < keys.size() && k < keys.size() - 1; later++) {
                int next = rest.indexOf(", " + keys.get(later) + "=", valueStart);
                if (next >= 0 && next < valueEnd) {
                    valueEnd = next;
                }
            }
            found.put(keys.get(k), rest.substring(valueStart, valueEnd));
            at = valueEnd;
            key = k + 1;
        }
        return found;
    }
}
