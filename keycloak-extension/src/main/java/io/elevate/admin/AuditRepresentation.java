package io.elevate.admin;

import io.elevate.audit.AuditRecord;

/** An audit record as the admin API shows it. */
public record AuditRepresentation(String id, String occurredAt, String action, String windowId, String actorId,
                                  String actorName, String ipAddress, String detail) {

    static AuditRepresentation of(AuditRecord r) {
        return new AuditRepresentation(r.id(), r.occurredAt().toString(), r.action(), r.windowId(), r.actorId(),
                r.actorName(), r.ipAddress(), r.detail());
    }
}
