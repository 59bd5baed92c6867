package io.elevate.workflow;

import io.elevate.window.ElevationWindow;

import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what, by the groups the realm's policies name: ask under a policy, open break-glass, decide or review a
 * request (an approver of its target, never its requester), revoke a window (an approver, or an admin). Each
 * {@code to...} method returns the refusal, or empty when the caller may go on; the steps ask them on the request as
 * the transition core has just taken it.
 */
final class Authorisation {

    private final PolicyGroups groups;
    private final Policies policies;

    Authorisation(PolicyGroups groups, Policies policies) {
        this.groups = groups;
        this.policies = policies;
    }

    boolean mayAsk(UserModel user, ElevationPolicy policy) {
        return groups.isMemberOfAny(user, policy.eligibleGroups());
    }

    boolean mayApprove(UserModel user, ElevationWindow window) {
        return !user.getId().equals(window.userId()) && policyOf(window)
                .map(p -> groups.isMemberOfAny(user, p.approverGroups())).orElse(false);
    }

    boolean mayBreakGlass(UserModel user, ElevationPolicy policy) {
        return policy.breakGlass().map(group -> groups.isMemberOfAny(user, List.of(group))).orElse(false);
    }

    /** The ids of the policies this user approves for. */
    List<String> approvable(UserModel user) {
        return policies.all().stream().filter(p -> groups.isMemberOfAny(user, p.approverGroups()))
                .map(ElevationPolicy::id).toList();
    }

    /** Whether the caller may ask under the policy: eligible, and the policy has a quorum of others to approve. */
    Optional<Outcome> toRequest(Caller caller, ElevationPolicy policy) {
        if (!mayAsk(caller.user(), policy)) {
            return Optional.of(Outcome.forbidden("you are not eligible for " + policy.name()));
        }
        return toFindApprovers(caller, policy);
    }

    /**
     * Whether a request of the caller under the policy (a new one, or an extension) can be approved: each stage has
     * its quorum of people other than the caller, and when one person may approve only one stage, the stages' quorums
     * can be met by distinct people at once (else the request could never finish); the policy has its quorum in all.
     */
    Optional<Outcome> toFindApprovers(Caller caller, ElevationPolicy policy) {
        List<ApprovalStage> stages = policy.staged() ? policy.stages() : List.<ApprovalStage>of();
        List<Set<String>> candidates = new ArrayList<>();
        for (ApprovalStage stage : stages) {
            Set<String> inStage = new LinkedHashSet<>();
            groups.approversOtherThan(stage.approverGroups(), List.of(caller.user().getId()))
                    .forEach(u -> inStage.add(u.getId()));
            if (inStage.size() < stage.approvalsRequired()) {
                return Optional.of(Outcome.conflict(policy.name() + " needs " + stage.approvalsRequired()
                        + " approver(s) other than you in " + StageProgress.describe(stage) + ", but its groups have "
                        + inStage.size() + "; ask your Keycloak administrator"));
            }
            candidates.add(inStage);
        }
        if (policy.staged() && !policy.sameApproverAcrossStages()
                && !assignable(candidates, stages.stream().map(ApprovalStage::approvalsRequired).toList())) {
            return Optional.of(Outcome.conflict(policy.name() + " needs " + policy.approvalsRequired()
                    + " different approvers other than you, each approving one stage only, but its stages' groups"
                    + " cannot provide them; ask your Keycloak administrator"));
        }
        int approvers = groups.approversOtherThan(policy, caller.user().getId());
        if (approvers < policy.approvalsRequired() && (!policy.staged() || !policy.sameApproverAcrossStages())) {
            return Optional.of(Outcome.conflict(policy.name() + " needs " + policy.approvalsRequired()
                    + " approver(s) other than you, but its approver groups have " + approvers
                    + "; ask your Keycloak administrator"));
        }
        return Optional.empty();
    }

    /**
     * Whether every stage {@code i} can be given {@code needed.get(i)} people of {@code candidates.get(i)}, no person
     * in two stages: a matching of the stages' seats to people (augmenting paths), which must seat everyone needed.
     */
    static boolean assignable(List<Set<String>> candidates, List<Integer> needed) {
        List<Integer> seats = new ArrayList<>();
        for (int i = 0; i < needed.size(); i++) {
            for (int n = 0; n < needed.get(i); n++) {
                seats.add(i);
            }
        }
        Map<String, Integer> seatOf = new HashMap<>();
        for (int seat = 0; seat < seats.size(); seat++) {
            if (!seat(seat, seats, candidates, seatOf, new HashSet<>())) {
                return false;
            }
        }
        return true;
    }

    private static boolean seat(int seat, List<Integer> seats, List<Set<String>> candidates,
                                Map<String, Integer> seatOf, Set<String> visited) {
        for (String person : candidates.get(seats.get(seat))) {
            if (visited.add(person)) {
                Integer held = seatOf.get(person);
                if (held == null || seat(held, seats, candidates, seatOf, visited)) {
                    seatOf.put(person, seat);
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the caller may open a break-glass window under the policy. */
    Optional<Outcome> toBreakGlass(Caller caller, ElevationPolicy policy) {
        if (policy.breakGlass().isEmpty()) {
            return Optional.of(Outcome.forbidden("break-glass is not allowed for " + policy.name()));
        }
        if (!groups.isMemberOfAny(caller.user(), List.of(policy.breakGlassGroup()))) {
            return Optional.of(Outcome.forbidden("you are not in the break-glass group of " + policy.name()));
        }
        return Optional.empty();
    }

    /** Whether the caller may decide the request: not their own, an approver of its target, signed in strongly enough. */
    Optional<Outcome> toDecide(Caller caller, ElevationWindow window) {
        if (window.userId().equals(caller.user().getId())) {
            return Optional.of(Outcome.forbidden("you cannot decide your own request"));
        }
        Optional<ElevationPolicy> policy = policyOf(window);
        if (policy.isEmpty() || !groups.isMemberOfAny(caller.user(), policy.get().approverGroups())) {
            return Optional.of(Outcome.forbidden("you are not an approver of this target"));
        }
        if (caller.level() < policy.get().approverMinLevel()) {
            return Optional.of(Outcome.forbidden("approving this target needs a sign-in of level "
                    + policy.get().approverMinLevel() + " (step up with MFA), yours is " + caller.level()));
        }
        return Optional.empty();
    }

    /** Whether the caller may revoke the window: an approver of its target, or an admin ({@code asAdmin}). */
    Optional<Outcome> toRevoke(Caller caller, ElevationWindow window, boolean asAdmin) {
        if (!asAdmin && !mayApprove(caller.user(), window)) {
            return Optional.of(Outcome.forbidden("only an approver of this target or an admin may revoke it"));
        }
        return Optional.empty();
    }

    /** Whether the caller may review the break-glass window: an approver of its target other than its user. */
    Optional<Outcome> toReview(Caller caller, ElevationWindow window) {
        if (!mayApprove(caller.user(), window)) {
            return Optional.of(Outcome.forbidden("only an approver of this target, other than its user, may review it"));
        }
        return Optional.empty();
    }

    /** Whether the window is the caller's own (cancel, extend); another user's is not found, not forbidden. */
    Optional<Outcome> toChangeOwn(Caller caller, ElevationWindow window) {
        if (!window.userId().equals(caller.user().getId())) {
            return Optional.of(Outcome.notFound("no request " + window.id() + " of yours"));
        }
        return Optional.empty();
    }

    Optional<ElevationPolicy> policyOf(ElevationWindow window) {
        return window.request().policyId() == null ? Optional.empty()
                : policies.find(window.request().policyId());
    }
}
