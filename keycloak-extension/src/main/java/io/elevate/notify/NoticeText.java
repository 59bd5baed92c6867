package io.elevate.notify;

import io.elevate.window.ElevationWindow;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a notice says, as values for the email templates ({@code html/elevate-notice.ftl},
 * {@code text/elevate-notice.ftl}) and the messages that word them ({@code elevateNoticeSubject_<kind>}: {0} the
 * requester, {1} the end), plus the English subject that machine channels (SNS) carry. Every value typed by someone has
 * its control characters shown as escapes ({@link #shown}); HTML escaping is the templates' (FreeMarker's) part.
 *
 * @param fields the template's {@code notice}: kind, lead (the message key of the opening line), requester, target, tags, startsAt, endsAt, justification, id, and
 *               when present ticket, comment, reason and portalUrl
 */
record NoticeText(String subject, List<Object> subjectAttributes, Map<String, String> fields) {

    static final String TEMPLATE = "elevate-notice.ftl";

    /** How every notice (mail, Slack, Teams) writes a time. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static NoticeText of(Notice notice) {
        ElevationWindow w = notice.window();
        String target = w.target().roleArn() + (w.target().instanceId() == null ? "" : " on " + w.target().instanceId())
                + " (" + w.target().region() + ")";
        String who = shown(notice.requester().displayName()) + " (" + shown(notice.requester().username()) + ")";
        String endsAt = TIME.format(w.endsAt());
        String subject = switch (notice.kind()) {
            case REQUESTED -> "[Elevate] " + who + " asks for elevated AWS access";
            case APPROVED -> "[Elevate] Your elevation was approved";
            case REJECTED -> "[Elevate] Your elevation was rejected";
            case BREAK_GLASS -> "[Elevate] BREAK-GLASS: " + who + " opened elevated AWS access without approval";
            case AUTO_APPROVED -> "[Elevate] " + who + "'s elevated AWS access was approved by a policy rule";
            case ENDING_SOON -> "[Elevate] Your elevation ends at " + endsAt;
            case REVOKED -> "[Elevate] Your elevation was revoked";
        };
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("kind", notice.kind().name());
        fields.put("lead", leadKey(notice));
        fields.put("requester", who);
        fields.put("target", shown(target));
        fields.put("tags", shown(String.valueOf(w.target().tags())));
        fields.put("startsAt", TIME.format(w.startsAt()));
        fields.put("endsAt", endsAt);
        fields.put("justification", w.justification() == null ? "-" : shown(w.justification()));
        putIfPresent(fields, "ticket", shown(w.request().ticket()));
        putIfPresent(fields, "comment", shown(w.request().decisionComment()));
        putIfPresent(fields, "reason", shown(w.revokeReason()));
        fields.put("id", shown(w.id()));
        putIfPresent(fields, "portalUrl", notice.portalUrl());
        return new NoticeText(subject, List.of(who, endsAt), Collections.unmodifiableMap(fields));
    }

    /**
     * The message key of the notice's opening line: {@code elevateNoticeLead_<kind>}; an automatic approval asks the
     * approvers to review it only when the window awaits review ({@code elevateNoticeLead_AUTO_APPROVED_REVIEW}).
     */
    static String leadKey(Notice notice) {
        boolean review = notice.kind() == Notice.Kind.AUTO_APPROVED && notice.window().request().awaitingReview();
        return "elevateNoticeLead_" + notice.kind().name() + (review ? "_REVIEW" : "");
    }

    /** The message key of the subject, in the theme's messages. */
    String subjectKey() {
        return "elevateNoticeSubject_" + fields.get("kind");
    }

    /**
     * Text someone typed, fit for a plain-text notice: every control or invisible format character (line breaks
     * included, so no value can forge a line of the notice) is shown as an escape such as {@code \x1b} or
     * {@code \u202e}, and does nothing in the reader's mail program or terminal.
     */
    static String shown(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static void putIfPresent(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
