package io.elevate.signin;

import io.elevate.window.ElevationWindow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** One line of the picker, as the template shows it. Getters, because FreeMarker reads bean properties. */
public final class WindowChoice {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ElevationWindow window;
    private final long minutesLeft;

    private WindowChoice(ElevationWindow window, long minutesLeft) {
        this.window = window;
        this.minutesLeft = minutesLeft;
    }

    static WindowChoice of(ElevationWindow window, Instant now) {
        return new WindowChoice(window, window.remainingAt(now).toMinutes());
    }

    public String getId() { return window.id(); }
    public String getInstanceId() { return window.target().instanceId(); }
    public String getAccountId() { return window.target().accountId(); }
    public String getRoleName() { return window.target().roleName(); }
    public String getRegion() { return window.target().region(); }
    public Map<String, String> getTags() { return window.target().tags(); }
    public String getEndsAt() { return TIME.format(window.endsAt()); }
    public long getMinutesLeft() { return minutesLeft; }
    public String getJustification() { return window.justification(); }
}
