package io.elevate.revoke;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The ids one role's deny policy must name at {@code now}: every revoked window of the role whose sessions may still
 * be alive (not yet pruned), whatever the row's state; sorted, so that an unchanged set gives the same document.
 */
final class RevokedIds {

    private RevokedIds() {
    }

    static List<String> of(List<Revocation> rowsOfRole, Instant now) {
        TreeSet<String> ids = new TreeSet<>();
        rowsOfRole.stream().filter(r -> !r.prunedAt(now)).forEach(r -> ids.add(r.windowId()));
        return List.copyOf(ids);
    }

    /** When the newest live row was revoked (the epoch when none is live). */
    static Instant latestRevoke(List<Revocation> rowsOfRole, Instant now) {
        return rowsOfRole.stream().filter(r -> !r.prunedAt(now)).map(Revocation::revokedAt)
                .max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** The slots the document needs: the most any live row's sign-ins carry, at least 1. */
    static int slots(List<Revocation> rowsOfRole, Instant now) {
        return rowsOfRole.stream().filter(r -> !r.prunedAt(now)).mapToInt(Revocation::slots).max().orElse(1);
    }
}
