package io.elevate.workflow;

import io.elevate.rules.RuleContext;
import io.elevate.window.ElevationWindow;
import io.elevate.window.Target;
import io.elevate.window.WindowStatus;
import io.elevate.window.WindowStore;

import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    private static final int PAGE = 200;
    private static final int MAX_WINDOWS = 2000;

    private final WindowStore store;

    RuleContexts(WindowStore store) {
        this.store = store;
    }

    RuleContext of(UserModel user, ElevationPolicy policy, Target target, Duration duration, Instant start,
                   String ticket, boolean breakGlass, Instant now) {
        Usage usage = usage(user.getId(), now);
        return new RuleContext(user.getId(), user.getUsername(), user.getEmail(), groups(user), hasSecondFactor(user),
                target.accountId(), target.roleName(), target.region(), policy.name(), target.instanceId(),
                target.tags(), duration, start, now, ticket, breakGlass, usage.hours(), usage.requests());
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

    record Usage(double hours, long requests) {
    }

    /**
     * Hours of approved windows (still approved, or revoked or cancelled after approval, up to then) overlapping the
     * week before {@code now}, and requests asked in the day before it, over every policy of the realm.
     */
    Usage usage(String userId, Instant now) {
        Instant weekAgo = now.minus(USAGE_WEEK);
        Instant dayAgo = now.minus(USAGE_DAY);
        Instant horizon = now.minus(LOOK_BACK);
        long millis = 0;
        long requests = 0;
        for (int first = 0; first < MAX_WINDOWS; first += PAGE) {
            List<ElevationWindow> page = store.list(userId, null, first, PAGE);
            for (ElevationWindow w : page) {
                if (w.createdAt().isBefore(horizon)) {
                    return new Usage(millis / 3_600_000.0, requests);
                }
                if (!w.createdAt().isBefore(dayAgo) && !w.createdAt().isAfter(now)) {
                    requests++;
                }
                millis += used(w, weekAgo, now).toMillis();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return new Usage(millis / 3_600_000.0, requests);
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
