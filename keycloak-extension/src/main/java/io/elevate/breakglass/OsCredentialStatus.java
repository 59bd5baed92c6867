package io.elevate.breakglass;

import java.time.Instant;

/**
 * A break-glass OS credential as its requester may know it: for which user and instance, how far it got, and until
 * when it can be shown. Never the password.
 *
 * @param availableUntil when the parameter is deleted if not shown before, or null when not set (yet)
 * @param showable       set, not shown, not past its time: the requester may show it now
 */
public record OsCredentialStatus(String windowId, OsCredentialState state, String osUser, String instanceId,
                                 Instant availableUntil, boolean showable) {

    static OsCredentialStatus of(OsCredentialEntity row, Instant now) {
        Instant until = row.getDeleteAfter() == null ? null : Instant.ofEpochMilli(row.getDeleteAfter());
        OsCredentialState state = row.stateEnum();
        boolean showable = state == OsCredentialState.SET && until != null && now.isBefore(until);
        return new OsCredentialStatus(row.getWindowId(), state, row.getOsUser(), row.getInstanceId(), until, showable);
    }
}
