package io.elevate.notify;

import io.elevate.window.ElevationWindow;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The subject and body of a notice, in plain text and in escaped HTML. */
record NoticeText(String subject, String body, String html) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static NoticeText of(Notice notice) {
        ElevationWindow w = notice.window();
        String target = w.target().roleArn() + (w.target().instanceId() == null ? "" : " on " + w.target().instanceId())
                + " (" + w.target().region() + ")";
        String who = shown(notice.requester().displayName()) + " (" + shown(notice.requester().username()) + ")";
        String subject = switch (notice.kind()) {
            case REQUESTED -> "[Elevate] " + who + " asks for elevated AWS access";
            case APPROVED -> "[Elevate] Your elevation was approved";
            case REJECTED -> "[Elevate] Your elevation was rejected";
            case BREAK_GLASS -> "[Elevate] BREAK-GLASS: " + who + " opened elevated AWS access without approval";
            case ENDING_SOON -> "[Elevate] Your elevation ends at " + TIME.format(w.endsAt());
            case REVOKED -> "[Elevate] Your elevation was revoked";
        };
        StringBuilder body = new StringBuilder()
                .append("Requester: ").append(who).append('\n')
                .append("Target: ").append(shown(target)).append('\n')
                .append("Tags: ").append(shown(String.valueOf(w.target().tags()))).append('\n')
                .append("Window: ").append(TIME.format(w.startsAt())).append(" to ").append(TIME.format(w.endsAt()))
                .append('\n')
                .append("Justification: ").append(shown(nullToDash(w.justification()))).append('\n');
        if (w.request().ticket() != null) {
            body.append("Ticket: ").append(shown(w.request().ticket())).append('\n');
        }
        if (w.request().decisionComment() != null) {
            body.append("Comment: ").append(shown(w.request().decisionComment())).append('\n');
        }
        if (w.revokeReason() != null) {
            body.append("Reason: ").append(shown(w.revokeReason())).append('\n');
        }
        body.append("Elevation id: ").append(w.id()).append('\n');
        if (notice.portalUrl() != null) {
            body.append('\n').append("Open the elevation portal: ").append(notice.portalUrl()).append('\n');
        }
        String text = body.toString();
        return new NoticeText(subject, text, "<pre>" + escape(text) + "</pre>");
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

    private static String nullToDash(String text) {
        return text == null ? "-" : text;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
