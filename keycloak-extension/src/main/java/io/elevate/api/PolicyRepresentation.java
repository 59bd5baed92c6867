package io.elevate.api;

import io.elevate.rules.CompiledRule;
import io.elevate.workflow.ElevationPolicy;

import java.util.List;
import java.util.Map;

/** What a requester needs to know about a target they may ask for. */
public record PolicyRepresentation(String id, String name, String accountId, String roleName, String region,
                                   List<String> instanceIds, Map<String, String> tags, int approvalsRequired,
                                   long maxDurationMinutes, long maxScheduleAheadHours, boolean justificationRequired,
                                   String ticketPattern, boolean breakGlassAllowed, String instanceTags,
                                   List<String> discoveredTagKeys, List<StageRepresentation> stages,
                                   boolean sameApproverAcrossStages, List<RuleRepresentation> denyRules,
                                   List<RuleRepresentation> autoApproveRules, boolean roleChaining,
                                   String runAsUser) {

    /** One approval stage: its name, approver groups and quorum. */
    public record StageRepresentation(int number, String name, List<String> approverGroups, int approvalsRequired) {
    }

    /** One deny or automatic-approval rule, so that a requester can see what applies to them. */
    public record RuleRepresentation(String name, String expression, String description) {
    }

    static PolicyRepresentation of(ElevationPolicy p, boolean breakGlassAllowed) {
        return new PolicyRepresentation(p.id(), p.name(), p.accountId(), p.roleName(), p.region(), p.instanceIds(),
                p.tags(), p.approvalsRequired(), p.maxDuration().toMinutes(), p.maxScheduleAhead().toHours(),
                p.justificationRequired(), p.ticketPattern() == null ? null : p.ticketPattern().pattern(),
                breakGlassAllowed, p.discovery().source().value(), p.discovery().tagKeys(),
                p.stages().stream().map(s -> new StageRepresentation(s.number(), s.name(), s.approverGroups(),
                        s.approvalsRequired())).toList(), p.sameApproverAcrossStages(),
                rules(p.rules().deny()), rules(p.rules().autoApprove()), p.roleChaining(),
                p.runAsUser());
    }

    static List<RuleRepresentation> rules(List<CompiledRule> rules) {
        return rules.stream().map(r -> new RuleRepresentation(r.name(), r.rule().expression(),
                r.rule().description())).toList();
    }
}
