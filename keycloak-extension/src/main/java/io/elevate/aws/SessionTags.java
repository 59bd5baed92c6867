package io.elevate.aws;

import io.elevate.window.ElevationWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * The session tags of the windows a sign-in carries. One window: its ABAC tags plus {@code ElevationId}. Several
 * windows (numbered mode, one tag set per slot): the n-th window's keys get the suffix n from the second on, so
 * {@code AppId}, {@code AppId2}, ... and {@code ElevationId}, {@code ElevationId2}, ...; the IAM policy has one
 * statement per slot.
 */
public final class SessionTags {

    /** The tag that names the window, used by CloudTrail readers and by the revocation deny statement. */
    public static final String ELEVATION_ID = "ElevationId";

    private SessionTags() {
    }

    public static List<SessionTag> of(List<ElevationWindow> windows) {
        List<SessionTag> tags = new ArrayList<>();
        for (int slot = 1; slot <= windows.size(); slot++) {
            String suffix = slot == 1 ? "" : Integer.toString(slot);
            ElevationWindow window = windows.get(slot - 1);
            window.target().tags().forEach((key, value) -> tags.add(new SessionTag(key + suffix, value)));
            tags.add(new SessionTag(ELEVATION_ID + suffix, window.id()));
        }
        return tags;
    }
}
