package io.elevate.window;

import java.time.Instant;

/** An approver's yes, as the API and the portal show it. */
public record Approval(int round, String approverId, String approverName, Instant approvedAt, String comment) {
}
