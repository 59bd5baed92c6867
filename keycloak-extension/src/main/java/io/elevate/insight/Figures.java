package io.elevate.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the dashboard shows, as of {@code now}: what holds or waits for access now, and the figures of a period of
 * whole UTC days {@code from}..{@code to} (both included). The portal draws it; the API returns it as JSON.
 */
public record Figures(Instant now, Now current, Period period) {

    /**
     * The state of things now: each list is the first {@link Dashboard#LIST} of its kind; the counts are all.
     * {@code unreviewed}: windows awaiting review, break-glass or approved by a policy rule, oldest first.
     */
    public record Now(List<WindowLine> open, long openCount, List<WindowLine> waiting, long waitingCount,
                      List<WindowLine> unreviewed, long unreviewedCount, List<RevocationLine> revocations,
                      long revocationCount) {
    }

    /**
     * One request or window, named: the requester and the target; {@code autoRule} names the policy rule that approved
     * it at once (null: none).
     */
    public record WindowLine(String windowId, String username, String displayName, String policyName,
                             String accountId, String roleName, String instanceId, boolean breakGlass,
                             Instant createdAt, Instant startsAt, Instant endsAt, long approvals,
                             int approvalsRequired, String autoRule) {
    }

    /**
     * A revocation not yet written to IAM, with the last error if an attempt failed.
     *
     * @param roleArn the role's ARN, in the role's partition
     */
    public record RevocationLine(String windowId, String accountId, String roleName, String roleArn, String state,
                                 int attempts, Instant revokedAt, Instant nextAttemptAt, String lastError) {
    }

    /** The figures of the days from..to (UTC, both included). */
    public record Period(LocalDate from, LocalDate to, long elevations, long breakGlass, List<Day> perDay,
                         List<Count> perTarget, List<Count> perPerson, Latency latency) {
    }

    /** Elevations (windows that were opened: approved, granted or break-glass) created on one day. */
    public record Day(LocalDate day, long elevations, long breakGlass) {
    }

    /** A target or a person and their number of elevations; {@code key} is the policy id or the username. */
    public record Count(String key, String label, long elevations) {
    }

    /**
     * How long requests waited from asking to their first decision by people (approved or rejected; not an extension's
     * decision; break-glass and windows a policy rule approved left out), as a distribution: each bucket from
     * {@code fromSeconds} (included) to {@code toSeconds} (excluded; null: no upper bound).
     */
    public record Latency(long decided, Long averageSeconds, List<Bucket> buckets) {
    }

    public record Bucket(String label, long fromSeconds, Long toSeconds, long requests) {
    }
}
