package io.elevate.audit;

import java.time.Instant;

/** One audited state change: who did what to which window, when, from where, and why. */
public record AuditRecord(String id, Instant occurredAt, String action, String windowId, String actorId,
                          String actorName, String ipAddress, String detail) {
}
