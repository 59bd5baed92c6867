package io.elevate.workflow;

import io.elevate.window.ElevationWindow;

import org.keycloak.models.UserModel;

import java.util.List;

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

    /** Requests and extensions this user may decide now (never their own). */
    public List<ElevationWindow> waitingFor(UserModel user, int max) {
        return context.store.awaitingDecision(context.authorisation.approvable(user), max).stream()
                .filter(w -> mayApprove(user, w))
                .filter(w -> context.store.approvals(w.id()).stream()
                        .noneMatch(a -> a.round() == w.request().round() && a.approverId().equals(user.getId())))
                .toList();
    }

    /** Break-glass windows this user must review. */
    public List<ElevationWindow> toReview(UserModel user, int max) {
        return context.store.awaitingReview(context.authorisation.approvable(user), max).stream()
                .filter(w -> mayApprove(user, w)).toList();
    }
}
