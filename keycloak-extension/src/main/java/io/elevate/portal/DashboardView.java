package io.elevate.portal;

import io.elevate.insight.Figures;
import io.elevate.validation.Violation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/** The dashboard page: now (lists), the period (charts with their tables). Getters for FreeMarker. */
public final class DashboardView {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final PageFrame frame;
    private final Figures figures;
    private final String from;
    private final String to;
    private final List<Violation> violations;
    private final Set<String> policyIds;

    /** @param policyIds the realm's policies now: a target's history is linked only for one of them */
    DashboardView(PageFrame frame, Figures figures, String from, String to, List<Violation> violations,
                  Set<String> policyIds) {
        this.frame = frame;
        this.figures = figures;
        this.from = from;
        this.to = to;
        this.violations = violations;
        this.policyIds = Set.copyOf(policyIds);
    }

    public PageFrame getFrame() { return frame; }
    public String getAction() { return frame.getPortalUrl() + "/dashboard"; }
    public String getFrom() { return from; }
    public String getTo() { return to; }
    public List<Problem.Rule> getViolations() { return violations.stream().map(Problem.Rule::new).toList(); }
    public boolean isShown() { return figures != null; }

    public List<Line> getOpen() { return lines(figures.current().open()); }
    public long getOpenCount() { return figures.current().openCount(); }
    public List<Line> getWaiting() { return lines(figures.current().waiting()); }
    public long getWaitingCount() { return figures.current().waitingCount(); }
    public List<Line> getUnreviewed() { return lines(figures.current().unreviewed()); }
    public long getUnreviewedCount() { return figures.current().unreviewedCount(); }
    public List<Revocation> getRevocations() {
        return figures.current().revocations().stream().map(r -> new Revocation(r, frame.getPortalUrl())).toList();
    }
    public long getRevocationCount() { return figures.current().revocationCount(); }

    public Figures.Period getPeriod() { return figures.period(); }
    public String getPeriodFrom() { return figures.period().from().toString(); }
    public String getPeriodTo() { return figures.period().to().toString(); }
    public long getElevations() { return figures.period().elevations(); }
    public long getBreakGlass() { return figures.period().breakGlass(); }
    public long getRequested() { return figures.period().elevations() - figures.period().breakGlass(); }
    /** The break-glass share in percent, to a tenth, or null without elevations. */
    public String getBreakGlassPercent() {
        long all = figures.period().elevations();
        return all == 0 ? null : String.valueOf(Math.round(1000.0 * figures.period().breakGlass() / all) / 10.0);
    }
    public long getDecided() { return figures.period().latency().decided(); }
    public String getAverageLatency() {
        Long seconds = figures.period().latency().averageSeconds();
        return seconds == null ? null : waited(Duration.ofSeconds(seconds));
    }

    public Chart getPerDayChart() {
        return Chart.vertical("per-day", figures.period().perDay().stream()
                .map(d -> new Chart.Datum(DAY.format(d.day()), d.elevations(), d.breakGlass())).toList());
    }
    public Chart getPerTargetChart() {
        return Chart.horizontal("per-target", figures.period().perTarget().stream()
                .map(c -> new Chart.Datum(c.label(), c.elevations(), 0)).toList());
    }
    public Chart getPerPersonChart() {
        return Chart.horizontal("per-person", figures.period().perPerson().stream()
                .map(c -> new Chart.Datum(c.label(), c.elevations(), 0)).toList());
    }
    public Chart getLatencyChart() {
        return Chart.vertical("latency", figures.period().latency().buckets().stream()
                .map(b -> new Chart.Datum(b.label(), b.requests(), 0)).toList());
    }
    public Chart getShareChart() {
        return Chart.horizontal("share", List.of(new Chart.Datum("", figures.period().elevations(),
                figures.period().breakGlass())));
    }

    /**
     * The history behind each row of the per-day table: that day's records (null for each row when this user may not
     * read the history).
     */
    public List<String> getPerDayLinks() {
        return figures.period().perDay().stream().map(d -> history("from", d.day().toString(), "to",
                d.day().toString())).toList();
    }

    /**
     * The history of each target of the period's ranking (its policy, the period's days); null without a policy, or
     * for a policy since deleted (the history's target filter takes only the realm's policies: a 400 page).
     */
    public List<String> getPerTargetLinks() {
        return figures.period().perTarget().stream().map(c -> c.key() == null || !policyIds.contains(c.key()) ? null
                : history("target", c.key(), "from", getPeriodFrom(), "to", getPeriodTo())).toList();
    }

    /** The history of each person of the period's ranking: what they did and what was done to their requests. */
    public List<String> getPerPersonLinks() {
        return figures.period().perPerson().stream().map(c -> history("person", c.key(), "from", getPeriodFrom(),
                "to", getPeriodTo())).toList();
    }

    /** The history page filtered by the given name/value pairs, or null when this user may not read the history. */
    private String history(String... pairs) {
        if (frame.getHistoryUrl() == null) {
            return null;
        }
        StringBuilder url = new StringBuilder(frame.getHistoryUrl());
        for (int i = 0; i < pairs.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(pairs[i]).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private List<Line> lines(List<Figures.WindowLine> lines) {
        return lines.stream().map(l -> new Line(l, figures.now(), frame.getPortalUrl())).toList();
    }

    /** "2 h 5 min", "3 d 4 h", "12 min", "40 s". */
    static String waited(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }

    /** A window or request of the "now" lists. */
    public static final class Line {

        private final Figures.WindowLine line;
        private final Instant now;
        private final String portalUrl;

        Line(Figures.WindowLine line, Instant now, String portalUrl) {
            this.line = line;
            this.now = now;
            this.portalUrl = portalUrl;
        }

        public String getId() { return line.windowId(); }
        public String getUrl() { return portalUrl + "/requests/" + line.windowId(); }
        public String getPerson() {
            return line.displayName().equals(line.username()) ? line.username()
                    : line.displayName() + " (" + line.username() + ")";
        }
        public String getTarget() {
            String where = line.accountId() + " · " + line.roleName()
                    + (line.instanceId() == null ? "" : " · " + line.instanceId());
            return line.policyName() == null ? where : line.policyName() + " (" + where + ")";
        }
        public boolean isBreakGlass() { return line.breakGlass(); }
        /** The policy rule that approved it at once, or null. */
        public String getAutoRule() { return line.autoRule(); }
        public String getEndsAt() { return Times.format(line.endsAt()); }
        public String getLeft() { return waited(Duration.between(now, line.endsAt())); }
        public String getAskedAt() { return Times.format(line.createdAt()); }
        public String getWaited() { return waited(Duration.between(line.createdAt(), now)); }
        public String getApprovals() { return line.approvals() + "/" + line.approvalsRequired(); }
    }

    /** A revocation not yet in IAM. */
    public static final class Revocation {

        private final Figures.RevocationLine line;
        private final String portalUrl;

        Revocation(Figures.RevocationLine line, String portalUrl) {
            this.line = line;
            this.portalUrl = portalUrl;
        }

        public String getUrl() { return portalUrl + "/requests/" + line.windowId(); }
        public String getId() { return line.windowId(); }
        public String getRole() { return line.roleArn(); }
        public String getState() { return line.state(); }
        public int getAttempts() { return line.attempts(); }
        public String getRevokedAt() { return Times.format(line.revokedAt()); }
        public String getNextAttemptAt() { return Times.format(line.nextAttemptAt()); }
        public String getLastError() { return line.lastError(); }
    }
}
