package io.elevate.window;

import java.time.Instant;

/** A validated window about to be stored; the store gives it its id and creation time. */
public record NewWindow(String userId, String clientId, Target target, Instant startsAt, Instant endsAt,
                        String justification, String createdBy, String approvedBy) {
}
