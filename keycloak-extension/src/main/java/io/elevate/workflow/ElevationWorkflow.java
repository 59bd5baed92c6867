package io.elevate.workflow;

import io.elevate.notify.Notifier;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The request lifecycle of one realm, in one session, as a state machine: request, approve (by a quorum of distinct
 * approvers, never the requester), reject, cancel, revoke, extend, break-glass and its review, and the timer's expiry.
 * This class only hands out its parts:
 * <ul>
 *   <li>{@link #queries()}: the read side (what a user may ask under, what waits for them);</li>
 *   <li>{@link #instances()}: instance discovery (what a request may name);</li>
 *   <li>{@link #requests()}, {@link #decisions()}, {@link #requester()}, {@link #oversight()}, {@link #timers()}: the
 *       transitions, grouped by who takes them;</li>
 * </ul>
 * and who may do what is decided by {@link Authorisation}. Every step runs through the transition core
 * ({@link Transitions#run}): a step on an existing request first takes the row ({@link Transitions#locked}: its
 * version is bumped and its write lock held, so concurrent steps on one request run one after the other and each sees
 * the one before), then checks who may take it on that fresh state, changes the window, and records the change (audit
 * row, admin event, notices after commit) in the same transaction. A refusal changes nothing; a lost race is a 409
 * and a failing database a 503.
 */
public final class ElevationWorkflow {

    private final WorkflowContext context;
    private final RequestableInstances instances;

    /**
     * @param notifier  who is told of each change, after commit
     * @param portalUrl the portal's address for the notices' links, or null (the timers, the admin API)
     */
    public ElevationWorkflow(KeycloakSession session, RealmModel realm, Notifier notifier, String portalUrl) {
        this.context = new WorkflowContext(session, realm, notifier, portalUrl);
        this.instances = new RequestableInstances(session);
    }

    public WorkflowQueries queries() {
        return new WorkflowQueries(context);
    }

    public RequestableInstances instances() {
        return instances;
    }

    public NewRequests requests() {
        return new NewRequests(context, instances);
    }

    public Decisions decisions() {
        return new Decisions(context);
    }

    public RequesterChanges requester() {
        return new RequesterChanges(context);
    }

    public Oversight oversight() {
        return new Oversight(context);
    }

    /** What a policy would do with a request, changing nothing (the admin's explain, the requester's dry run). */
    public Explanations explanations() {
        return new Explanations(context, instances);
    }

    public TimerSteps timers() {
        return new TimerSteps(context);
    }
}
