package io.elevate.portal;

import io.elevate.breakglass.OsCredentialStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A break-glass OS password as the requester's list shows it: for whom, how far it got, and until when it can be
 * shown (to the second: it lives a minute by default). Never the password. Getters, because FreeMarker reads bean
 * properties.
 */
public final class OsCredentialItem {

    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final OsCredentialStatus status;

    OsCredentialItem(OsCredentialStatus status) {
        this.status = status;
    }

    /** pending, sent, set, shown, deleted or failed (message {@code elevatePortalOsCredential_<state>}). */
    public String getState() { return status.state().name().toLowerCase(Locale.ROOT); }
    public String getUser() { return status.osUser(); }
    public String getInstanceId() { return status.instanceId(); }
    public boolean isShowable() { return status.showable(); }
    public String getUntil() { return format(status.availableUntil()); }

    static String format(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
