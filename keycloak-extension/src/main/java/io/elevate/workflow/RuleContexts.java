package io.elevate.workflow;

import io.elevate.rules.RuleContext;
import io.elevate.window.ElevationWindow;
import io.elevate.window.Target;
import io.elevate.window.WindowStatus;
import io.elevate.window.WindowStore;

import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Builds what a policy's rules see of a request ({@link RuleContext}) from the realm: the requester's groups (each
 * group's path and its parents' paths, as membership counts for approvers), whether they have a second factor, the
 * target, and their recent usage read from the windows.
 */
final class RuleContexts {

    /** Credential types that are a second factor. */
    static final Set<String> SECOND_FACTORS = Set.of("otp", "webauthn", "webauthn-passwordless");
    static final Duration USAGE_WEEK = Duration.ofDays(7);
    static final Duration USAGE_DAY = Duration.ofHours(24);
    /** How far back a window can have been asked and still overlap the last week (scheduled ahead at most 90 days). */
    private static final Duration LOOK_BACK = USAGE_WEEK.plusDays(91);
    static final int PAGE = 200;
    static final int MAX_WINDOWS = 2000;
    private static final Logger LOG = Logger.getLogger(RuleContexts.class);

    private final WindowStore store;

    RuleContexts(WindowStore store) {
        this.store = store;
    }

    RuleContext of(UserModel user, ElevationPolicy policy, Target target, Duration duration, Instant start,
                   String ticket, boolean breakGlass, Instant now) {
        return of(user, policy, target, duration, start, ticket, breakGlass, now, null);
    }

    /**
     * @param excludedWindowId a window whose time the usage leaves out (the window an extension would lengthen: the
     *                         request's duration is then its whole new length), or null
     */
    RuleContext of(UserModel user, ElevationPolicy policy, Target target, Duration duration, Instant start,
                   String ticket, boolean breakGlass, Instant now, String excludedWindowId) {
        boolean readsUsage = policy.rules().readsUsage();
        Optional<List<ElevationWindow>> windows = readsUsage
                ? recentWindows(first -> store.list(user.getId(), null, first, PAGE), now) : Optional.empty();
        if (readsUsage && windows.isEmpty()) {
            LOG.warnf("user %s has more than %d windows since %s: their usage is not read, so a rule reading it fails"
                    + " (closed)", user.getId(), MAX_WINDOWS, now.minus(LOOK_BACK));
        }
        Usage usage = windows.map(w -> usage(w, now, excludedWindowId)).orElse(new Usage(0, 0, 0, 0));
        return new RuleContext(user.getId(), user.getUsername(), user.getEmail(), groups(user), hasSecondFactor(user),
                target.accountId(), target.roleName(), target.region(), policy.name(), target.instanceId(),
                target.tags(), duration, start, now, ticket, breakGlass, usage.hours(), usage.hoursAhead(),
                usage.hoursPending(), usage.requests(), policy.rules().timeZone(), windows.isPresent());
    }

    static List<String> groups(UserModel user) {
        Set<String> paths = new LinkedHashSet<>();
        user.getGroupsStream().forEach(group -> {
            for (GroupModel g = group; g != null; g = g.getParent()) {
                paths.add(KeycloakModelUtils.buildGroupPath(g));
            }
        });
        return List.copyOf(paths);
    }

    static boolean hasSecondFactor(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
                .anyMatch(c -> SECOND_FACTORS.contains(c.getType()));
    }

    /**
     * @param hours        approved time in the week before now
     * @param hoursAhead   approved time from now on: the rest of open windows and the windows scheduled ahead
     * @param hoursPending the length of the requests (and extensions) still waiting for a decision
     * @param requests     requests and break-glass windows asked in the day before now
     */
    record Usage(double hours, double hoursAhead, double hoursPending, long requests) {
    }

    /**
     * The user's windows that can count for {@link #usage}, newest first, back to the look-back horizon, read a page
     * ({@value #PAGE}) at a time from {@code page} (given the first row); empty when there are more than
     * {@value #MAX_WINDOWS}: the usage is then unknown, never the count of the newest only.
     */
    static Optional<List<ElevationWindow>> recentWindows(IntFunction<List<ElevationWindow>> page, Instant now) {
        Instant horizon = now.minus(LOOK_BACK);
        List<ElevationWindow> windows = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<ElevationWindow> rows = page.apply(first);
            for (ElevationWindow w : rows) {
                if (w.createdAt().isBefore(horizon)) {
                    return Optional.of(windows);
                }
                if (windows.size() == MAX_WINDOWS) {
                    return Optional.empty();
                }
                windows.add(w);
            }
            if (rows.size() < PAGE) {
                return Optional.of(windows);
            }
        }
    }

    /**
     * What one user's windows (over every policy of the realm) add up to at {@code now}: approved time (still
     * approved, or revoked or cancelled after approval, up to then) in the week before, approved time from now on,
     * the length of requests and extensions waiting for a decision, and the requests asked in the day before. The
     * window {@code excludedId} (or none, when null) counts for no hours.
     */
    static Usage usage(List<ElevationWindow> windows, Instant now, String excludedId) {
        Instant weekAgo = now.minus(USAGE_WEEK);
        Instant dayAgo = now.minus(USAGE_DAY);
        long past = 0;
        long ahead = 0;
        long pending = 0;
        long requests = 0;
        for (ElevationWindow w : windows) {
            if (!w.createdAt().isBefore(dayAgo) && !w.createdAt().isAfter(now)) {
                requests++;
            }
            if (w.id().equals(excludedId)) {
                continue;
            }
            past += used(w, weekAgo, now).toMillis();
            ahead += used(w, now, Instant.MAX).toMillis();
            pending += waiting(w, now).toMillis();
        }
        return new Usage(past / 3_600_000.0, ahead / 3_600_000.0, pending / 3_600_000.0, requests);
    }

    /** The time a window asks for that still waits for a decision: a pending request's length, an extension's. */
    private static Duration waiting(ElevationWindow w, Instant now) {
        if (w.status() == WindowStatus.REQUESTED
                && (w.request().expiresAt() == null || w.request().expiresAt().isAfter(now))) {
            return Duration.between(w.startsAt(), w.endsAt());
        }
        if (w.status() == WindowStatus.APPROVED && w.request().extensionPending() && now.isBefore(w.endsAt())) {
            return Duration.ofMinutes(w.request().extensionMinutes());
        }
        return Duration.ZERO;
    }

    private static Duration used(ElevationWindow w, Instant from, Instant to) {
        boolean wasApproved = w.approvedBy() != null && (w.status() == WindowStatus.APPROVED
                || w.status() == WindowStatus.REVOKED || w.status() == WindowStatus.CANCELLED);
        if (!wasApproved) {
            return Duration.ZERO;
        }
        Instant end = w.endsAt();
        if (w.revokedAt() != null && w.revokedAt().isBefore(end)) {
            end = w.revokedAt();
        }
        if (w.status() == WindowStatus.CANCELLED && w.request().decidedAt() != null
                && w.request().decidedAt().isBefore(end)) {
            end = w.request().decidedAt();
        }
        Instant start = w.startsAt().isAfter(from) ? w.startsAt() : from;
        end = end.isBefore(to) ? end : to;
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }
}
