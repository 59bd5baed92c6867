package io.elevate.api;

import io.elevate.insight.Figures;

import java.time.Instant;
import java.util.List;

/** The dashboard's figures in JSON: times as ISO-8601 strings, days as yyyy-mm-dd; see docs/api.md. */
public record StatsRepresentation(String now, Current current, Period period) {

    /**
     * {@code unreviewedBreakGlass} (and its count): the windows awaiting review, break-glass or approved at once by a
     * policy rule (each window's {@code autoRule}), oldest first; the names stay as before the rules.
     */
    public record Current(long openCount, List<Window> open, long waitingCount, List<Window> waiting,
                          long unreviewedBreakGlassCount, List<Window> unreviewedBreakGlass,
                          long pendingRevocationCount, List<PendingRevocation> pendingRevocations) {
    }

    public record Window(String id, String username, String name, String policy, String accountId, String roleName,
                         String instanceId, boolean breakGlass, String requestedAt, String startsAt, String endsAt,
                         long approvals, int approvalsRequired, String autoRule) {
    }

    /** A revocation not yet in IAM; {@code roleArn} names the role in its partition. */
    public record PendingRevocation(String windowId, String accountId, String roleName, String roleArn, String state,
                                    int attempts, String revokedAt, String nextAttemptAt, String lastError) {
    }

    public record Period(String from, String to, long elevations, long breakGlass, List<Day> perDay,
                         List<Count> perTarget, List<Count> perPerson, Latency approvalLatency) {
    }

    public record Day(String day, long elevations, long breakGlass) {
    }

    public record Count(String key, String label, long elevations) {
    }

    public record Latency(long decided, Long averageSeconds, List<Bucket> buckets) {
    }

    public record Bucket(String label, long fromSeconds, Long toSeconds, long requests) {
    }

    static StatsRepresentation of(Figures f) {
        Figures.Now n = f.current();
        Figures.Period p = f.period();
        return new StatsRepresentation(f.now().toString(),
                new Current(n.openCount(), windows(n.open()), n.waitingCount(), windows(n.waiting()),
                        n.unreviewedCount(), windows(n.unreviewed()), n.revocationCount(),
                        n.revocations().stream().map(r -> new PendingRevocation(r.windowId(), r.accountId(),
                                r.roleName(), r.roleArn(), r.state(), r.attempts(), text(r.revokedAt()), text(r.nextAttemptAt()),
                                r.lastError())).toList()),
                new Period(p.from().toString(), p.to().toString(), p.elevations(), p.breakGlass(),
                        p.perDay().stream().map(d -> new Day(d.day().toString(), d.elevations(), d.breakGlass()))
                                .toList(),
                        counts(p.perTarget()), counts(p.perPerson()),
                        new Latency(p.latency().decided(), p.latency().averageSeconds(), p.latency().buckets()
                                .stream().map(b -> new Bucket(b.label(), b.fromSeconds(), b.toSeconds(), b.requests()))
                                .toList())));
    }

    private static List<Window> windows(List<Figures.WindowLine> lines) {
        return lines.stream().map(l -> new Window(l.windowId(), l.username(), l.displayName(), l.policyName(),
                l.accountId(), l.roleName(), l.instanceId(), l.breakGlass(), text(l.createdAt()), text(l.startsAt()),
                text(l.endsAt()), l.approvals(), l.approvalsRequired(), l.autoRule())).toList();
    }

    private static List<Count> counts(List<Figures.Count> counts) {
        return counts.stream().map(c -> new Count(c.key(), c.label(), c.elevations())).toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
