package io.elevate.notify;

import io.elevate.window.ElevationWindow;

/**
 * Tells people about elevation events. Called after the change is committed, never on a sign-in; an implementation
 * must not throw for a delivery failure (it logs it), so one broken channel never blocks another.
 */
public interface Notifier {

    void send(Notice notice);

    /** A request changed state (any transition, in its transaction): channels that show its state may follow it. */
    default void changed(ElevationWindow window) {
    }
}
