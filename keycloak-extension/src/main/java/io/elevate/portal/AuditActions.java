package io.elevate.portal;

import java.util.List;

/**
 * The actions the audit trail records, in the order a request lives them; each has a sentence
 * ({@code elevatePortalAuditSay_<ACTION>}) and a name ({@code elevatePortalAction_<ACTION>}) in the portal's messages.
 * A record of another action (written by a newer version) is told with the generic sentence.
 */
final class AuditActions {

    static final List<String> ALL = List.of("REQUESTED", "BREAK_GLASS", "GRANTED", "DENIED", "RULE_ERROR",
            "AUTO_APPROVED", "APPROVAL_ADDED", "STAGE_APPROVED", "APPROVED",
            "REJECTED", "CANCELLED", "EXPIRED", "EXTENSION_REQUESTED", "EXTENDED", "EXTENSION_REJECTED", "REVOKED",
            "REVIEWED", "REVOCATION_QUEUED", "REVOCATION_APPLIED", "REVOCATION_FAILED", "REVOCATION_PRUNED",
            "OS_CREDENTIAL_REQUESTED", "OS_CREDENTIAL_COMMAND_SENT", "OS_CREDENTIAL_RETRY", "OS_CREDENTIAL_SET",
            "OS_CREDENTIAL_SHOWN", "OS_CREDENTIAL_DELETED", "OS_CREDENTIAL_FAILED", "REQUEST_LIMITED",
            "BREAK_GLASS_LIMITED", "POLICY_CREATED", "POLICY_UPDATED", "POLICY_DELETED");

    private AuditActions() {
    }

    static String sentenceKey(String action) {
        return ALL.contains(action) ? "elevatePortalAuditSay_" + action : "elevatePortalAuditSay";
    }
}
