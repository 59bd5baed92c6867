package io.elevate.workflow;

import io.elevate.breakglass.OsCredentialSettings;
import io.elevate.aws.instances.Instance;
import io.elevate.aws.instances.InstanceSource;
import io.elevate.rules.RuleSet;
import io.elevate.window.Approval;
import io.elevate.window.Target;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of one elevation target, set by a Keycloak admin: who may ask, who approves and how many of them, how long,
 * how far ahead, what a request must say, and whether break-glass is allowed.
 *
 * @param clientId          the clientId of the AWS SAML client the windows apply to
 * @param instanceIds       the instances a request may name (one per request); empty when the target is tags only
 * @param ticketPattern     a ticket reference every request must match, or null when none is asked
 * @param breakGlassGroup   the group whose members may open a window without approval, or null when disabled
 * @param approverMinLevel  the level of authentication (acr) an approver must have reached; 0 for none
 * @param osCredential      the OS password a break-glass window on an instance gets, or null when off
 * @param discovery         whether the instance's own tags are looked up in AWS; with discovery the policy's
 *                          {@code tags} are also the filter an instance must match
 * @param maxPendingRequests how many requests one user may have waiting for a decision under this policy at once
 * @param maxBreakGlassPerDay how many break-glass windows one user may open under this policy in any 24 hours
 * @param approverGroups    every group whose members approve in some stage
 * @param approvalsRequired the approvals a request needs in all, every stage's quorum added up
 * @param stages            the approval stages in the order they are met; one when the policy names no stages
 * @param sameApproverAcrossStages whether one person may approve in more than one stage of a request
 * @param rules             the deny and automatic-approval rules, evaluated on each new request
 * @param roleChaining      whether the sessions of this policy's windows may assume other roles (their session tags
 *                          then transitive); fixed on each window when it is asked for
 * @param runAsUser         the OS user the windows' Session Manager shells run as (session tag
 *                          {@code SSMSessionRunAs}), or null for Session Manager's default; fixed on each window
 */
public record ElevationPolicy(String id, String name, String clientId, String accountId, String roleName,
                              String samlProvider, String region, List<String> instanceIds, Map<String, String> tags,
                              List<String> eligibleGroups, List<String> approverGroups, int approvalsRequired,
                              Duration maxDuration, Duration maxScheduleAhead, boolean justificationRequired,
                              Pattern ticketPattern, Duration pendingExpiry, String breakGlassGroup,
                              Duration breakGlassMaxDuration, int approverMinLevel,
                              OsCredentialSettings osCredential,
                              InstanceDiscovery discovery, int maxPendingRequests, int maxBreakGlassPerDay,
                              List<ApprovalStage> stages, boolean sameApproverAcrossStages, RuleSet rules,
                              boolean roleChaining, String runAsUser) {

    /**
     * The stage that round {@code round} of a request waits for, given its approvals (of any round), or empty when its
     * every stage is met.
     */
    public Optional<ApprovalStage> currentStage(List<Approval> approvals, int round) {
        return StageProgress.of(this, approvals, round).current();
    }

    /** Whether approval happens in more than one stage. */
    public boolean staged() {
        return stages.size() > 1;
    }

    /** The target of a request naming {@code instanceId} (or none), carrying the policy's tags. */
    public Target target(String instanceId) {
        return new Target(accountId, roleName, samlProvider, region, instanceId, tags, roleChaining, runAsUser);
    }

    /**
     * The target of a request for an instance whose tags were looked up: the policy's tags, then the instance's value
     * of each {@link InstanceDiscovery#tagKeys() discovered key}. Check the instance with {@link InstanceTargets} first.
     */
    public Target target(Instance instance) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        discovery.tagKeys().forEach(key -> all.put(key, instance.tags().get(key)));
        return new Target(accountId, roleName, samlProvider, region, instance.instanceId(), all, roleChaining, runAsUser);
    }

    /** Whether a request's instance tags are looked up in AWS. */
    public boolean discovers() {
        return discovery.source() != InstanceSource.NONE;
    }

    public Optional<String> breakGlass() {
        return Optional.ofNullable(breakGlassGroup);
    }
}
