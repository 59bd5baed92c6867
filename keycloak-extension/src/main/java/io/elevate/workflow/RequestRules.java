package io.elevate.workflow;

import io.elevate.aws.AwsNames;
import io.elevate.validation.Violation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a draft against its policy: instance, justification, ticket, duration and start. Pure. */
final class RequestRules {

    static final int MAX_TEXT = 1024;
    static final int MAX_TICKET = 64;
    static final int MAX_ID = 64;
    /** A start this far in the past is taken as "now" (clock skew between browser and server). */
    static final Duration START_SKEW = Duration.ofMinutes(5);

    private RequestRules() {
    }

    static List<Violation> check(ElevationPolicy policy, RequestDraft draft, Duration maxDuration, Instant now) {
        List<Violation> violations = new ArrayList<>();
        Optional<Violation> instanceText = UserText.check("instanceId", draft.instanceId(), MAX_ID, false);
        if (policy.instanceIds().isEmpty() && !policy.discovers()) {
            if (draft.instanceId() != null) {
                violations.add(Violation.of("instanceId", "this target is scoped by tags only; name no instance"));
            }
        } else if (instanceText.isPresent()) {
            violations.add(instanceText.get());
        } else if (draft.instanceId() == null) {
            violations.add(Violation.of("instanceId", policy.instanceIds().isEmpty()
                    ? "name the instance you need: one whose tags match " + policy.tags()
                    : "choose one of " + policy.instanceIds()));
        } else if (!policy.instanceIds().isEmpty() && !policy.instanceIds().contains(draft.instanceId())) {
            violations.add(Violation.of("instanceId", "is not one of this target's instances " + policy.instanceIds()));
        } else {
            AwsNames.checkInstanceId(draft.instanceId()).ifPresent(p -> violations.add(Violation.of("instanceId", p)));
        }
        String justification = draft.justification();
        if (justification == null || justification.isBlank()) {
            if (policy.justificationRequired()) {
                violations.add(Violation.of("justification", "is required by this target's policy"));
            }
        } else {
            UserText.check("justification", justification, MAX_TEXT, true).ifPresent(violations::add);
        }
        if (policy.ticketPattern() != null) {
            String ticket = draft.ticket();
            if (ticket == null || ticket.isBlank()) {
                violations.add(Violation.of("ticket", "a ticket reference matching " + policy.ticketPattern()
                        + " is required"));
            } else {
                Optional<Violation> text = UserText.check("ticket", ticket, MAX_TICKET, false);
                if (text.isPresent()) {
                    violations.add(text.get());
                } else if (!policy.ticketPattern().matcher(ticket).matches()) {
                    violations.add(Violation.of("ticket", "must match " + policy.ticketPattern()));
                }
            }
        } else {
            UserText.check("ticket", draft.ticket(), MAX_TICKET, false).ifPresent(violations::add);
        }
        Integer minutes = draft.durationMinutes();
        if (minutes == null) {
            violations.add(Violation.of("durationMinutes", "is required"));
        } else if (minutes < 1 || minutes > maxDuration.toMinutes()) {
            violations.add(Violation.of("durationMinutes", "must be between 1 and " + maxDuration.toMinutes()));
        }
        Instant start = draft.startsAt();
        if (start != null) {
            if (start.isBefore(now.minus(START_SKEW))) {
                violations.add(Violation.of("startsAt", "is in the past"));
            } else if (start.isAfter(now.plus(policy.maxScheduleAhead()))) {
                violations.add(Violation.of("startsAt", "is more than " + policy.maxScheduleAhead().toHours()
                        + " hours ahead"));
            }
        }
        return violations;
    }
}
