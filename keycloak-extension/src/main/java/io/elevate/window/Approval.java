package io.elevate.window;

import java.time.Instant;

/** An approver's yes, as the API and the portal show it, in approval stage {@code stage} (from 1) of its policy. */
public record Approval(int round, String approverId, String approverName, Instant approvedAt, String comment,
                       int stage) {
}
