package io.elevate.signin;

import io.elevate.aws.SessionManagerLink;
import io.elevate.window.ElevationWindow;

import java.time.Instant;
import java.util.List;

/**
 * Chooses among a user's open windows at sign-in, by the rule of {@link SignInWindows}. Pure: it sees the windows,
 * the settings and the time.
 */
final class WindowSelection {

    static final String ALL = "all";

    private final GateConfig gate;
    private final SignInWindows.Rule rule;

    WindowSelection(GateConfig gate, ElevationMapperConfig mapper) {
        this.gate = gate;
        this.rule = new SignInWindows.Rule(gate.allowShortWindows(), mapper.numbered(), mapper.slots());
    }

    Decision decide(List<ElevationWindow> open, Instant now) {
        if (open.isEmpty()) {
            return Decision.Deny.of("no_open_window", "elevateNoWindow");
        }
        List<ElevationWindow> usable = SignInWindows.usable(open, gate.allowShortWindows(), now);
        if (usable.isEmpty()) {
            return Decision.Deny.of("window_ends_too_soon", "elevateWindowEndsSoon");
        }
        if (usable.size() == 1) {
            return new Decision.Grant(usable);
        }
        return new Decision.Pick(usable, SignInWindows.canTakeAll(usable, rule));
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

    /**
     * The user's answer to the picker, checked against the windows the picker offered ({@code offered}, in the order
     * shown) and those open now (the form is never trusted). It grants exactly what the user chose, or nothing: an
     * answer that names no offered window gets the picker again ({@code elevatePickInvalid}); a chosen window that is
     * no longer usable (revoked, ended, ending too soon) gets the picker of the windows still usable
     * ({@code elevatePickClosed}), even if only one is left, and a denial when none is.
     */
    Decision choose(String choice, List<String> offered, List<ElevationWindow> open, Instant now) {
        List<ElevationWindow> usable = SignInWindows.usable(open, gate.allowShortWindows(), now);
        if (usable.isEmpty()) {
            return decide(open, now);
        }
        Decision.Pick again = new Decision.Pick(usable, usable.size() > 1 && SignInWindows.canTakeAll(usable, rule));
        if (ALL.equals(choice)) {
            List<ElevationWindow> chosen = usable.stream().filter(w -> offered.contains(w.id())).toList();
            if (offered.size() < 2) {
                return new Decision.Repick(again, "elevatePickInvalid");
            }
            if (chosen.size() != offered.size()) {
                return new Decision.Repick(again, "elevatePickClosed");
            }
            return SignInWindows.canTakeAll(chosen, rule) ? new Decision.Grant(chosen)
                    : new Decision.Repick(again, "elevatePickInvalid");
        }
        if (choice == null || !offered.contains(choice)) {
            return new Decision.Repick(again, "elevatePickInvalid");
        }
        return usable.stream().filter(w -> w.id().equals(choice)).findFirst()
                .<Decision>map(w -> new Decision.Grant(List.of(w)))
                .orElse(new Decision.Repick(again, "elevatePickClosed"));
    }
}
