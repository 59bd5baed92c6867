package io.elevate.login;

import io.elevate.aws.SessionDuration;
import io.elevate.aws.SessionManagerLink;
import io.elevate.saml.ElevationMapperConfig;
import io.elevate.window.ElevationWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Chooses among a user's open windows at sign-in. Pure: it sees the windows, the settings and the time. */
final class WindowSelection {

    static final String ALL = "all";
    private static final Duration SHORTEST_SESSION = Duration.ofSeconds(SessionDuration.MIN_SECONDS);

    private final GateConfig gate;
    private final ElevationMapperConfig mapper;

    WindowSelection(GateConfig gate, ElevationMapperConfig mapper) {
        this.gate = gate;
        this.mapper = mapper;
    }

    Decision decide(List<ElevationWindow> open, Instant now) {
        if (open.isEmpty()) {
            return Decision.Deny.of("no_open_window", "elevateNoWindow");
        }
        List<ElevationWindow> usable = usable(open, now);
        if (usable.isEmpty()) {
            return Decision.Deny.of("window_ends_too_soon", "elevateWindowEndsSoon");
        }
        if (usable.size() == 1) {
            return new Decision.Grant(usable);
        }
        return new Decision.Pick(usable, canTakeAll(usable));
    }

    /**
     * Like {@link #decide(List, Instant)}, but when the caller asked for the Session Manager deep link of exactly one of
     * several usable windows (the portal's "Open Session Manager"), that window is taken without asking.
     */
    Decision decide(List<ElevationWindow> open, String requestedRelayState, Instant now) {
        Decision decision = decide(open, now);
        if (decision instanceof Decision.Pick pick && requestedRelayState != null) {
            List<ElevationWindow> linked = pick.choices().stream().filter(w -> w.target().instanceId() != null
                    && SessionManagerLink.forInstance(w.target().instanceId(), w.target().region())
                    .equals(requestedRelayState)).toList();
            if (linked.size() == 1) {
                return new Decision.Grant(linked);
            }
        }
        return decision;
    }

    /** The user's answer to the picker, checked against the windows open now (the form is never trusted). */
    Decision choose(String choice, List<ElevationWindow> open, Instant now) {
        Decision fresh = decide(open, now);
        if (!(fresh instanceof Decision.Pick pick)) {
            return fresh;
        }
        if (ALL.equals(choice) && pick.allowAll()) {
            return new Decision.Grant(pick.choices());
        }
        return pick.choices().stream().filter(w -> w.id().equals(choice)).findFirst()
                .<Decision>map(w -> new Decision.Grant(List.of(w)))
                .orElse(pick);
    }

    private List<ElevationWindow> usable(List<ElevationWindow> open, Instant now) {
        return open.stream()
                .filter(w -> gate.allowShortWindows() || w.remainingAt(now).compareTo(SHORTEST_SESSION) >= 0)
                .toList();
    }

    private boolean canTakeAll(List<ElevationWindow> windows) {
        return mapper.numbered() && windows.size() <= mapper.slots()
                && windows.stream().allMatch(w -> w.target().sameRoleAs(windows.get(0).target()));
    }
}
