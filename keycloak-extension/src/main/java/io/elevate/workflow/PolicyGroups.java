package io.elevate.workflow;

import io.elevate.validation.Violation;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The groups a policy names, resolved in the realm: membership (subgroups included) and the size of a quorum. */
final class PolicyGroups {

    private final KeycloakSession session;
    private final RealmModel realm;

    PolicyGroups(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    boolean isMemberOfAny(UserModel user, List<String> paths) {
        return paths.stream().map(this::group).filter(Objects::nonNull)
                .anyMatch(group -> RoleUtils.isMember(user.getGroupsStream(), group));
    }

    /** The rules a policy breaks against the realm: unknown groups, a quorum larger than the approvers. */
    List<Violation> check(ElevationPolicy policy) {
        List<Violation> violations = new ArrayList<>();
        unknown(policy.eligibleGroups()).forEach(p -> violations.add(
                Violation.of(PolicyConfig.ELIGIBLE_GROUPS, "no group " + p + " in this realm")));
        String approversField = policy.staged() ? PolicyConfig.APPROVAL_STAGES : PolicyConfig.APPROVER_GROUPS;
        unknown(policy.approverGroups()).forEach(p -> violations.add(
                Violation.of(approversField, "no group " + p + " in this realm")));
        policy.breakGlass().filter(p -> group(p) == null).ifPresent(p -> violations.add(
                Violation.of(PolicyConfig.BREAK_GLASS_GROUP, "no group " + p + " in this realm")));
        if (realm.getClientByClientId(policy.clientId()) == null) {
            violations.add(Violation.of(PolicyConfig.CLIENT, "no client " + policy.clientId() + " in this realm"));
        }
        if (violations.isEmpty()) {
            // Empty approver groups are allowed: the realm may be importing (users come after components) or the
            // admin fills the groups next. Requests are refused until enough approvers exist (see approversOtherThan).
            int approvers = approverIds(policy).size();
            if (!policy.staged() && approvers > 0 && policy.approvalsRequired() > approvers) {
                violations.add(Violation.of(PolicyConfig.APPROVALS_REQUIRED, "needs " + policy.approvalsRequired()
                        + " distinct approvals but the approver groups have " + approvers + " member(s)"));
            }
            if (policy.staged()) {
                for (ApprovalStage stage : policy.stages()) {
                    int members = approversOtherThan(stage.approverGroups(), List.of()).size();
                    if (members > 0 && stage.approvalsRequired() > members) {
                        violations.add(Violation.of(PolicyConfig.APPROVAL_STAGES, StageProgress.describe(stage)
                                + " needs " + stage.approvalsRequired() + " distinct approvals but its groups have "
                                + members + " member(s)"));
                    }
                }
                if (!policy.sameApproverAcrossStages() && approvers > 0 && policy.approvalsRequired() > approvers) {
                    violations.add(Violation.of(PolicyConfig.APPROVAL_STAGES, "the stages need "
                            + policy.approvalsRequired() + " different people but their groups have " + approvers
                            + " member(s)"));
                }
            }
        }
        return violations;
    }

    /** How many distinct approvers a request of {@code requesterId} can have. */
    int approversOtherThan(ElevationPolicy policy, String requesterId) {
        return approversOtherThan(policy, List.of(requesterId)).size();
    }

    /**
     * The users who may approve under {@code policy}, except those named: members of its approver groups or of any of
     * their subgroups, at any depth, each once. The same rule as {@link #isMemberOfAny}, which decides who may
     * approve, so the people counted for a quorum, told of a request and allowed to decide it are one set.
     */
    List<UserModel> approversOtherThan(ElevationPolicy policy, Collection<String> excludedIds) {
        return approversOtherThan(policy.approverGroups(), excludedIds);
    }

    /** The members of these groups (subgroups included, each once), except those named. */
    List<UserModel> approversOtherThan(List<String> groupPaths, Collection<String> excludedIds) {
        Map<String, UserModel> members = new LinkedHashMap<>();
        groupPaths.stream().map(this::group).filter(Objects::nonNull)
                .forEach(group -> collectMembers(group, members));
        excludedIds.forEach(members::remove);
        return List.copyOf(members.values());
    }

    private void collectMembers(GroupModel group, Map<String, UserModel> members) {
        session.users().getGroupMembersStream(realm, group).forEach(user -> members.putIfAbsent(user.getId(), user));
        group.getSubGroupsStream().forEach(sub -> collectMembers(sub, members));
    }

    private Set<String> approverIds(ElevationPolicy policy) {
        return approversOtherThan(policy, List.of()).stream().map(UserModel::getId).collect(Collectors.toSet());
    }

    private List<String> unknown(List<String> paths) {
        return paths.stream().filter(p -> group(p) == null).toList();
    }

    private GroupModel group(String path) {
        return KeycloakModelUtils.findGroupByPath(session, realm, path);
    }
}
