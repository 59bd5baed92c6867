package io.elevate.workflow;

import io.elevate.window.ElevationWindow;

import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Optional;

/** The read side of the workflow: what a user may ask under, and what waits for them. Changes nothing. */
public final class WorkflowQueries {

    private final WorkflowContext context;

    WorkflowQueries(WorkflowContext context) {
        this.context = context;
    }

    /** The policies this user may ask under. */
    public List<ElevationPolicy> eligible(UserModel user) {
        return context.policies.all().stream().filter(p -> context.authorisation.mayAsk(user, p)).toList();
    }

    public boolean mayApprove(UserModel user, ElevationWindow window) {
        return context.authorisation.mayApprove(user, window);
    }

    public boolean mayBreakGlass(UserModel user, ElevationPolicy policy) {
        return context.authorisation.mayBreakGlass(user, policy);
    }

    /**
     * Requests and extensions this user may decide now (never their own): those whose current approval stage they
     * approve in and have not approved yet (nor, unless the policy allows it, an earlier stage).
     */
    public List<ElevationWindow> waitingFor(UserModel user, int max) {
        return context.store.awaitingDecision(context.authorisation.approvable(user), max).stream()
                .filter(w -> mayApprove(user, w))
                .filter(w -> context.policyOf(w).map(p -> progress(p, w).refusal(user.getId(),
                        progress(p, w).current().map(s -> context.groups.isMemberOfAny(user, s.approverGroups()))
                                .orElse(false)).isEmpty()).orElse(false))
                .toList();
    }

    /** The approval stage the request's current round waits for, or empty when it waits for none (or has no policy). */
    public Optional<ApprovalStage> currentStage(ElevationWindow window) {
        return context.policyOf(window).flatMap(p -> progress(p, window).current());
    }

    /** The policy a window was asked under, as it is now. */
    public Optional<ElevationPolicy> policyOf(ElevationWindow window) {
        return context.policyOf(window);
    }

    private StageProgress progress(ElevationPolicy policy, ElevationWindow window) {
        return StageProgress.of(policy, context.store.approvals(window.id()), window.request().round());
    }

    /** Break-glass and automatically approved windows this user must review. */
    public List<ElevationWindow> toReview(UserModel user, int max) {
        return context.store.awaitingReview(context.authorisation.approvable(user), max).stream()
                .filter(w -> mayApprove(user, w)).toList();
    }
}
