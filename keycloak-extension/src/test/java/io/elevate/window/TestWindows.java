package io.elevate.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Hand-made windows for unit tests. */
public final class TestWindows {

    public static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private TestWindows() {
    }

    public static Target target(Map<String, String> tags) {
        return new Target("123456789012", "ElevateSessionManager", "Keycloak", "eu-west-1", "i-0123456789abcdef0",
                tags);
    }

    /** An open window of {@link #target} whose policy allows role chaining. */
    public static ElevationWindow chaining(String id, Duration left, Map<String, String> tags) {
        Target t = target(tags);
        return window(id, new Target(t.accountId(), t.roleName(), t.samlProvider(), t.region(), t.instanceId(),
                t.tags(), true, null), NOW.minus(Duration.ofMinutes(5)), NOW.plus(left));
    }

    /** An open window of {@link #target} whose shells run as {@code runAsUser} (null: Session Manager's default). */
    public static ElevationWindow runningAs(String id, String runAsUser, Map<String, String> tags) {
        Target t = target(tags);
        return window(id, new Target(t.accountId(), t.roleName(), t.samlProvider(), t.region(), t.instanceId(),
                t.tags(), false, runAsUser), NOW.minus(Duration.ofMinutes(5)), NOW.plus(Duration.ofHours(2)));
    }

    public static ElevationWindow open(String id, Duration left, Map<String, String> tags) {
        return window(id, target(tags), NOW.minus(Duration.ofMinutes(5)), NOW.plus(left));
    }

    public static ElevationWindow window(String id, Target target, Instant startsAt, Instant endsAt) {
        return new ElevationWindow(id, "realm", "user", "client", target, startsAt, endsAt, WindowStatus.APPROVED,
                "because", "admin", "admin", startsAt, null, null, null, RequestInfo.NONE);
    }
}
