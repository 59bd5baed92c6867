package io.elevate.breakglass;

/**
 * Where a break-glass OS credential stands: waiting for its SSM command ({@code PENDING}), command sent
 * ({@code SENT}), password set and waiting in Parameter Store ({@code SET}), shown to the requester ({@code SHOWN}),
 * parameter deleted ({@code DELETED}); or {@code FAILED} (never shown; its parameter is still deleted if the command
 * ran).
 */
public enum OsCredentialState {
    PENDING, SENT, SET, SHOWN, DELETED, FAILED
}
