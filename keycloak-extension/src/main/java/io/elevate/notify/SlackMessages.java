package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * A request as a Slack message (Block Kit): who asks, for which role and instance, when, why, the ticket, a link to
 * the request's page in the portal ({@link PortalPlaces}) and, while it waits for approvers, <b>Approve</b> and
 * <b>Reject</b> buttons (each carries the request's id). A policy that asks approvers for a level of authentication
 * Slack cannot prove gets a button that opens the request's decision in the portal instead; a break-glass (or a rule's
 * approval) waiting for review links to its review there. Once decided (anywhere), the same message shows the outcome
 * and who decided, with no buttons. Break-glass is loud: a siren header and a call for review. User text is escaped
 * for mrkdwn ({@code & < >}).
 */
public final class SlackMessages {

    /** The action ids of the buttons, as the interactivity endpoint reads them. */
    public static final String APPROVE = "elevate_approve";
    public static final String REJECT = "elevate_reject";
    public static final String OPEN = "elevate_open";
    /** The block of the buttons. */
    public static final String DECISION_BLOCK = "elevate_decision";

    private static final DateTimeFormatter TIME = NoticeText.TIME;

    private SlackMessages() {
    }

    /**
     * The blocks of the message about {@code notice}'s request in its state {@code now} ({@code current}, read when
     * the message is posted or updated).
     *
     * @param portalOnly the policy asks approvers for a level of authentication: the button opens the portal
     */
    public static List<LayoutBlock> blocks(Notice notice, ElevationWindow current, boolean portalOnly) {
        return blocks(notice, current, portalOnly, null);
    }

    /** As {@link #blocks(Notice, ElevationWindow, boolean)}, the footer saying where a staged request stands. */
    static List<LayoutBlock> blocks(Notice notice, ElevationWindow current, boolean portalOnly, SlackStages stages) {
        ElevationWindow w = current;
        boolean breakGlass = w.request().breakGlass();
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = breakGlass ? ":rotating_light: Break-glass: " + notice.requester().displayName()
                + " opened elevated AWS access without approval"
                : w.request().autoRule() != null ? notice.requester().displayName()
                + "'s elevated AWS access was approved by the policy rule " + w.request().autoRule()
                : notice.requester().displayName() + " asks for elevated AWS access";
        blocks.add(header(h -> h.text(plainText(cut(title, 150)))));
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Requester*\n" + escape(notice.requester().displayName()) + " ("
                + escape(notice.requester().username()) + ")"));
        fields.add(markdownText("*Role*\n`" + escape(w.target().roleArn()) + "`"));
        fields.add(markdownText("*Instance*\n" + (w.target().instanceId() == null ? "any"
                : "`" + escape(w.target().instanceId()) + "`")));
        fields.add(markdownText("*Window*\n" + TIME.format(w.startsAt()) + " to " + TIME.format(w.endsAt())));
        fields.add(markdownText("*Ticket*\n" + (w.request().ticket() == null ? "none" : escape(w.request().ticket()))));
        if (w.request().extensionPending()) {
            fields.add(markdownText("*Extension asked*\n" + w.request().extensionMinutes() + " minutes"));
        }
        blocks.add(section(s -> s.fields(fields)));
        String why = w.request().extensionPending() && w.request().extensionJustification() != null
                ? w.request().extensionJustification() : w.justification();
        blocks.add(section(s -> s.text(markdownText("*Justification*\n" + cut(escape(why), 2900)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(state(w, stages))))));
        List<BlockElement> buttons = new ArrayList<>();
        if (w.status() == WindowStatus.REQUESTED || w.request().extensionPending()) {
            if (portalOnly) {
                if (notice.portalUrl() != null) {
                    buttons.add(button(b -> b.actionId(OPEN).text(plainText("Decide in the portal"))
                            .style("primary").url(PortalPlaces.decision(notice.portalUrl(), w.id())).value(w.id())));
                }
            } else {
                buttons.add(button(b -> b.actionId(APPROVE).text(plainText("Approve")).style("primary")
                        .value(w.id())));
                buttons.add(button(b -> b.actionId(REJECT).text(plainText("Reject")).style("danger")
                        .value(w.id())));
            }
        }
        if (notice.portalUrl() != null && !(portalOnly && !buttons.isEmpty())) {
            boolean review = w.request().awaitingReview();
            buttons.add(button(b -> b.actionId(OPEN).text(plainText(review ? "Review in the portal"
                    : "Open in the portal")).url(review ? PortalPlaces.review(notice.portalUrl(), w.id())
                    : PortalPlaces.request(notice.portalUrl(), w.id())).value(w.id())));
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId(DECISION_BLOCK).elements(buttons)));
        }
        return blocks;
    }

    /**
     * The text of the message for notifications and screen readers. Slack reads this top-level text as mrkdwn too
     * (mentions such as {@code <!channel>}, links), so user text is escaped here as in the blocks.
     */
    public static String fallback(Notice notice, ElevationWindow current) {
        return fallback(notice, current, null);
    }

    static String fallback(Notice notice, ElevationWindow current, SlackStages stages) {
        return (current.request().breakGlass() ? "Break-glass: " : "Elevation request: ")
                + escape(notice.requester().displayName()) + " for " + escape(current.target().roleArn()) + " ("
                + state(current, stages) + ")";
    }

    /** The request's state as the message's footer says it: waiting (with the quorum), or the outcome and by whom. */
    static String state(ElevationWindow w) {
        return state(w, null);
    }

    /**
     * As {@link #state(ElevationWindow)}; a request waiting under a staged policy says its stage ({@code stages}):
     * "Stage 2 of 2 (security): 0/1 · stage 1 approved by Tom".
     */
    static String state(ElevationWindow w, SlackStages stages) {
        return switch (w.status()) {
            case REQUESTED -> ":hourglass_flowing_sand: " + (stages != null ? stages.text()
                    : "Waiting for " + w.request().approvalsRequired() + " approval(s)")
                    + (w.request().expiresAt() == null ? "" : "; expires " + TIME.format(w.request().expiresAt()));
            case APPROVED -> w.request().extensionPending()
                    ? ":hourglass_flowing_sand: Extension waiting for approval"
                    + (stages == null ? "" : ": " + stages.text())
                    : w.request().breakGlass() && w.request().reviewedAt() == null
                    ? ":warning: Opened without approval: review needed"
                    : w.request().autoRule() != null && w.request().reviewedAt() == null
                    ? ":warning: Approved by the policy rule " + escape(w.request().autoRule()) + ": review needed"
                    : ":white_check_mark: Approved by " + escape(orSomeone(w.request().decidedBy() != null
                    ? w.request().decidedBy() : w.approvedBy())) + at(w.request().decidedAt()) + comment(w);
            case REJECTED -> ":x: Rejected by " + escape(orSomeone(w.request().decidedBy()))
                    + at(w.request().decidedAt()) + comment(w);
            case CANCELLED -> ":no_entry_sign: Cancelled" + (w.revokedBy() == null ? "" : " by " + escape(w.revokedBy()));
            case EXPIRED -> ":zzz: Expired: no decision in time";
            case REVOKED -> ":octagonal_sign: Revoked by " + escape(orSomeone(w.revokedBy())) + at(w.revokedAt())
                    + (w.revokeReason() == null ? "" : ": " + escape(w.revokeReason()));
        };
    }

    /** The blocks as the JSON Slack receives them (for the docs and tests). */
    public static String json(List<LayoutBlock> blocks) {
        return GsonFactory.createSnakeCase().toJson(blocks);
    }

    private static String comment(ElevationWindow w) {
        return w.request().decisionComment() == null ? "" : ": " + escape(w.request().decisionComment());
    }

    private static String at(Instant when) {
        return when == null ? "" : " at " + TIME.format(when);
    }

    private static String orSomeone(String name) {
        return name == null ? "someone" : name;
    }

    /** Slack's mrkdwn escaping: the three characters its markup uses. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
