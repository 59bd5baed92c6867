package io.elevate.audit;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reason a workflow transition's audit record carries, read back from its stored detail. The transition core
 * writes {@code {action=A, status=S, requester=R, actor=N}} or {@code {action=A, status=S, requester=R, actor=N,
 * reason=TEXT}}, where TEXT is the person's own words and may hold anything, commas and braces included. So the detail
 * is read exactly: every field before the reason must be the record's own (its action, its actor's name), and the
 * reason is all that follows up to the closing brace. A detail of any other shape (other writers, older rows, a
 * shortened text) yields nothing, and the page shows the stored text as it is.
 */
public final class TransitionDetail {

    private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,32}");
    private static final Pattern REQUESTER = Pattern.compile("[0-9A-Za-z-]{1,36}");

    private TransitionDetail() {
    }

    /** What a transition's detail says besides the record's columns. */
    public record Parsed(String status, String requesterId, String reason) {
    }

    public static Optional<Parsed> parse(AuditRecord record) {
        String detail = record.detail();
        if (detail == null || record.action() == null || record.actorName() == null) {
            return Optional.empty();
        }
        String head = "{action=" + record.action() + ", status=";
        if (!detail.startsWith(head) || !detail.endsWith("}")) {
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
        String rest = detail.substring(requesterEnd + actor.length(), detail.length() - 1);
        if (rest.isEmpty()) {
            return Optional.of(new Parsed(status, requester, null));
        }
        if (!rest.startsWith(", reason=")) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(status, requester, rest.substring(", reason=".length())));
    }
}
