package io.elevate.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule's expression sees of one request: who asks, for what, when, and how much they used lately. Every value is
 * present (an absent text is the empty string, absent tags an empty map), so an expression never meets a null; only
 * the usage is left out when it could not be read in full ({@code usageKnown} false), so that a rule reading it fails to
 * evaluate, which fails closed, instead of seeing a count too low.
 *
 * @param hasSecondFactor   whether the requester has an OTP or WebAuthn credential configured
 * @param hoursLast7Days    hours of approved windows the requester had in the 7 days before {@code now}, any policy
 * @param hoursAhead        hours of approved windows the requester has from {@code now} on (the rest of open windows,
 *                          windows scheduled ahead), any policy
 * @param hoursPending      hours the requester's requests and extensions still waiting for a decision ask for, any
 *                          policy
 * @param timeZone          the policy's time zone (a setting of the policy, UTC unless set)
 * @param requestsLast24Hours requests and break-glass windows the requester asked for in the 24 hours before
 *                          {@code now}, any policy
 * @param usageKnown        whether the usage above was read in full; when not, the rules do not see it
 */
public record RuleContext(String requesterId, String username, String email, List<String> groups,
                          boolean hasSecondFactor, String account, String role, String region, String policy,
                          String instanceId, Map<String, String> instanceTags, Duration duration, Instant start,
                          Instant now, String ticket, boolean breakGlass, double hoursLast7Days,
                          double hoursAhead, double hoursPending, long requestsLast24Hours, String timeZone,
                          boolean usageKnown) {

    public RuleContext {
        groups = List.copyOf(groups);
        instanceTags = Map.copyOf(instanceTags);
    }

    /** A context whose usage was read in full. */
    public RuleContext(String requesterId, String username, String email, List<String> groups,
                       boolean hasSecondFactor, String account, String role, String region, String policy,
                       String instanceId, Map<String, String> instanceTags, Duration duration, Instant start,
                       Instant now, String ticket, boolean breakGlass, double hoursLast7Days,
                       double hoursAhead, double hoursPending, long requestsLast24Hours, String timeZone) {
        this(requesterId, username, email, groups, hasSecondFactor, account, role, region, policy, instanceId,
                instanceTags, duration, start, now, ticket, breakGlass, hoursLast7Days, hoursAhead, hoursPending,
                requestsLast24Hours, timeZone, true);
    }

    /** The variables as the expressions name them (see {@link RuleEngine#VARIABLES}). */
    public Map<String, Object> variables() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("requester.id", text(requesterId));
        vars.put("requester.username", text(username));
        vars.put("requester.email", text(email));
        vars.put("requester.groups", groups);
        vars.put("requester.hasSecondFactor", hasSecondFactor);
        vars.put("target.account", text(account));
        vars.put("target.role", text(role));
        vars.put("target.region", text(region));
        vars.put("target.policy", text(policy));
        vars.put("instance.id", text(instanceId));
        vars.put("instance.tags", instanceTags);
        vars.put("request.duration", duration);
        vars.put("request.durationSeconds", duration.getSeconds());
        vars.put("request.start", start);
        vars.put("request.end", start.plus(duration));
        vars.put("request.ticket", text(ticket));
        vars.put("request.breakGlass", breakGlass);
        if (usageKnown) {
            vars.put("usage.hoursLast7Days", hoursLast7Days);
            vars.put("usage.hoursAhead", hoursAhead);
            vars.put("usage.hoursPending", hoursPending);
            vars.put("usage.requestsLast24Hours", requestsLast24Hours);
        }
        vars.put("now", now);
        vars.put("timeZone", text(timeZone));
        return vars;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
