package io.elevate.api;

import io.elevate.workflow.ElevationPolicy;

import java.util.List;
import java.util.Map;

/** What a requester needs to know about a target they may ask for. */
public record PolicyRepresentation(String id, String name, String accountId, String roleName, String region,
                                   List<String> instanceIds, Map<String, String> tags, int approvalsRequired,
                                   long maxDurationMinutes, long maxScheduleAheadHours, boolean justificationRequired,
                                   String ticketPattern, boolean breakGlassAllowed, String instanceTags,
                                   List<String> discoveredTagKeys) {

    static PolicyRepresentation of(ElevationPolicy p, boolean breakGlassAllowed) {
        return new PolicyRepresentation(p.id(), p.name(), p.accountId(), p.roleName(), p.region(), p.instanceIds(),
                p.tags(), p.approvalsRequired(), p.maxDuration().toMinutes(), p.maxScheduleAhead().toHours(),
                p.justificationRequired(), p.ticketPattern() == null ? null : p.ticketPattern().pattern(),
                breakGlassAllowed, p.discovery().source().value(), p.discovery().tagKeys());
    }
}
