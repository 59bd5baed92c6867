package io.elevate.window;

/** The stored state of a window. Whether an approved window is open also depends on the time: see {@link ElevationWindow#isOpenAt}. */
public enum WindowStatus {
    APPROVED,
    REVOKED
}
