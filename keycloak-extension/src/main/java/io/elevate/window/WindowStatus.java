package io.elevate.window;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of an elevation: requested, then approved (the window opens at its start and ends by itself) or
 * rejected, cancelled or expired; an approved window may still be revoked or cancelled before its end. Whether an
 * approved window is open also depends on the time: see {@link ElevationWindow#isOpenAt}.
 */
public enum WindowStatus {
    REQUESTED,
    APPROVED,
    REJECTED,
    CANCELLED,
    EXPIRED,
    REVOKED;

    private static final Map<WindowStatus, Set<WindowStatus>> NEXT = Map.of(
            REQUESTED, EnumSet.of(APPROVED, REJECTED, CANCELLED, EXPIRED),
            APPROVED, EnumSet.of(REVOKED, CANCELLED),
            REJECTED, EnumSet.noneOf(WindowStatus.class),
            CANCELLED, EnumSet.noneOf(WindowStatus.class),
            EXPIRED, EnumSet.noneOf(WindowStatus.class),
            REVOKED, EnumSet.noneOf(WindowStatus.class));

    public boolean canBecome(WindowStatus next) {
        return NEXT.get(this).contains(next);
    }
}
