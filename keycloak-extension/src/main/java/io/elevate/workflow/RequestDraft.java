package io.elevate.workflow;

import java.time.Instant;

/**
 * What a requester asks for: a policy's target (and one of its instances), why, under which ticket, for how long, from
 * when ({@code startsAt} null: now).
 */
public record RequestDraft(String policyId, String instanceId, String justification, String ticket,
                           Integer durationMinutes, Instant startsAt) {
}
