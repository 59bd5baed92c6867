package io.elevate.notify;

import io.elevate.window.ElevationWindow;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A notice as the message a Teams workflow webhook ("Post to a channel when a webhook request is received") takes: one
 * Adaptive Card (version 1.4) with the same facts as the Slack message (a decision's card also who decided) and an
 * <b>Open in the portal</b> action to the request's page ({@link PortalPlaces}), or, for a break-glass (or a rule's
 * approval) waiting for review, <b>Review in the portal</b> to it in the reviewer's queue. User
 * text is carried as JSON strings; Adaptive Cards render a TextBlock's markdown, so its characters are escaped.
 */
final class TeamsCard {

    private static final DateTimeFormatter TIME = NoticeText.TIME;

    private TeamsCard() {
    }

    static Map<String, Object> message(Notice notice) {
        ElevationWindow w = notice.window();
        List<Object> body = new ArrayList<>();
        body.add(text(title(notice), "Large", "Bolder", notice.kind() == Notice.Kind.BREAK_GLASS ? "Attention"
                : notice.kind() == Notice.Kind.AUTO_APPROVED ? "Warning"
                : "Default"));
        List<Object> facts = new ArrayList<>();
        facts.add(fact("Requester", notice.requester().displayName() + " (" + notice.requester().username() + ")"));
        facts.add(fact("Role", w.target().roleArn()));
        facts.add(fact("Instance", w.target().instanceId() == null ? "any" : w.target().instanceId()));
        facts.add(fact("Window", TIME.format(w.startsAt()) + " to " + TIME.format(w.endsAt())));
        facts.add(fact("Ticket", w.request().ticket() == null ? "none" : w.request().ticket()));
        if (w.request().extensionPending()) {
            facts.add(fact("Extension asked", w.request().extensionMinutes() + " minutes"));
        }
        facts.add(fact("State", w.status().name()));
        String decidedBy = decidedBy(notice);
        if (decidedBy != null) {
            facts.add(fact(notice.kind() == Notice.Kind.REVOKED ? "Revoked by" : "Decided by", decidedBy));
        }
        if (w.request().decisionComment() != null) {
            facts.add(fact("Comment", w.request().decisionComment()));
        }
        if (w.revokeReason() != null) {
            facts.add(fact("Reason", w.revokeReason()));
        }
        Map<String, Object> factSet = new LinkedHashMap<>();
        factSet.put("type", "FactSet");
        factSet.put("facts", facts);
        body.add(factSet);
        String why = w.request().extensionPending() && w.request().extensionJustification() != null
                ? w.request().extensionJustification() : w.justification();
        body.add(text("Justification: " + why, null, null, null));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        if (notice.portalUrl() != null) {
            Map<String, Object> open = new LinkedHashMap<>();
            open.put("type", "Action.OpenUrl");
            // a break-glass (or a rule's approval) waiting for review opens in the reviewer's queue, as in Slack
            boolean review = w.request().awaitingReview();
            open.put("title", review ? "Review in the portal" : "Open in the portal");
            open.put("url", review ? PortalPlaces.review(notice.portalUrl(), w.id())
                    : PortalPlaces.request(notice.portalUrl(), w.id()));
            card.put("actions", List.of(open));
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return message;
    }

    /** Who made the decision the card tells of (an approval, a rejection, a revocation); null for other cards. */
    static String decidedBy(Notice notice) {
        ElevationWindow w = notice.window();
        return switch (notice.kind()) {
            case APPROVED -> w.request().decidedBy() != null ? w.request().decidedBy() : w.approvedBy();
            case REJECTED -> w.request().decidedBy();
            case REVOKED -> w.revokedBy();
            default -> null;
        };
    }

    static String title(Notice notice) {
        String who = notice.requester().displayName();
        return switch (notice.kind()) {
            case REQUESTED -> who + " asks for elevated AWS access";
            case BREAK_GLASS -> "🚨 Break-glass: " + who + " opened elevated AWS access without approval; review it";
            case AUTO_APPROVED -> "Approved by the policy rule " + notice.window().request().autoRule() + ": " + who
                    + "'s elevated AWS access" + (notice.window().request().awaitingReview() ? "; review it" : "");
            case APPROVED -> "Approved: " + who + "'s elevated AWS access";
            case REJECTED -> "Rejected: " + who + "'s request for elevated AWS access";
            case REVOKED -> "Revoked: " + who + "'s elevated AWS access";
            case ENDING_SOON -> who + "'s elevated AWS access ends soon";
        };
    }

    private static Map<String, Object> fact(String title, String value) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("title", title);
        fact.put("value", escape(value));
        return fact;
    }

    private static Map<String, Object> text(String text, String size, String weight, String color) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", "TextBlock");
        block.put("text", escape(text));
        block.put("wrap", true);
        if (size != null) {
            block.put("size", size);
        }
        if (weight != null) {
            block.put("weight", weight);
        }
        if (color != null) {
            block.put("color", color);
        }
        return block;
    }

    /**
     * Markdown of Adaptive Card text (bold, italic, links, lists): a backslash before each character that could start
     * markup there, so a justification never turns into a link or emphasis.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_[]()#<>".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
