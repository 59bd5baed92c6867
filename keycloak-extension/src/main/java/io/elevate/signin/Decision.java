package io.elevate.signin;

import io.elevate.window.ElevationWindow;

import java.util.List;

/** What the gate does with a sign-in: let it through with some windows, ask the user to pick, or refuse it. */
sealed interface Decision {

    record Grant(List<ElevationWindow> windows) implements Decision {
    }

    record Pick(List<ElevationWindow> choices, boolean allowAll) implements Decision {
    }

    /**
     * The picker again, with a message saying why: the answer named no window the picker offered, or a window it
     * offered is no longer open. The gate never chooses another window in the user's place.
     */
    record Repick(Pick pick, String messageKey) implements Decision {
    }

    /**
     * @param reason     the machine-readable reason, recorded on the login event
     * @param messageKey the message shown to the user, from the elevate-* message bundle
     * @param details    lines shown under the message (rule violations), already in plain words
     */
    record Deny(String reason, String messageKey, List<String> details) implements Decision {

        static Deny of(String reason, String messageKey) {
            return new Deny(reason, messageKey, List.of());
        }
    }
}
