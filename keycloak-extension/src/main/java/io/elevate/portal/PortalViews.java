package io.elevate.portal;

import io.elevate.audit.AuditLog;
import io.elevate.audit.Auditors;
import io.elevate.insight.Overseers;
import io.elevate.workflow.ElevationStore;
import io.elevate.breakglass.OsCredentialStatus;
import io.elevate.breakglass.OsCredentials;
import io.elevate.aws.instances.InstanceLookupException;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;
import io.elevate.window.WindowStore;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.ElevationWorkflow;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a user's {@link PortalView} from the workflow's own answers: eligible, waitingFor, toReview, mayApprove. */
final class PortalViews {

    static final int PAGE = 200;
    static final int MINE = 50;
    /** The most instances a request form offers per policy that lists them from AWS. */
    static final int INSTANCES = 100;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ElevationWorkflow workflow;
    private final WindowStore store;
    private final SessionManagerUrl sessionManager;
    private final Instant now;
    private final Map<String, RequestItem.Person> people = new HashMap<>();

    PortalViews(KeycloakSession session, RealmModel realm, ElevationWorkflow workflow, Instant now) {
        this.session = session;
        this.realm = realm;
        this.workflow = workflow;
        this.store = ElevationStore.of(session).windows(realm);
        this.sessionManager = new SessionManagerUrl(session, realm);
        this.now = now;
    }

    PortalView build(PortalView.Context context, int auditPage) {
        UserModel user = context.viewer().user();
        Map<String, ElevationPolicy> policies = ElevationStore.of(session).policies(realm).all().stream()
                .collect(Collectors.toMap(ElevationPolicy::id, Function.identity(), (a, b) -> a));
        Map<String, TargetView> views = new HashMap<>();
        Function<ElevationPolicy, TargetView> view = p -> views.computeIfAbsent(p.id(), id -> targetView(p));
        List<TargetView> targets = workflow.queries().eligible(user).stream().map(view).toList();
        List<TargetView> breakGlass = policies.values().stream().filter(p -> workflow.queries().mayBreakGlass(user, p))
                .sorted(Comparator.comparing(ElevationPolicy::name)).map(view).toList();
        String base = context.portalUrl();
        Function<ElevationWindow, RequestItem> item = w -> new RequestItem(w, policies.get(w.request().policyId()),
                person(w.userId()), store.approvals(w.id()), sessionManager.of(w), base, now, null);
        List<ElevationWindow> own = store.list(user.getId(), null, 0, MINE);
        // Only the requester's own list carries their break-glass OS passwords; no other list ever does.
        Map<String, OsCredentialStatus> passwords = new OsCredentials(session, realm, ElevationStore.of(session).osCredentials(), store).of(user,
                own.stream().filter(w -> w.request().breakGlass()).map(ElevationWindow::id).toList(), now);
        List<RequestItem> mine = own.stream().map(w -> new RequestItem(w, policies.get(w.request().policyId()),
                person(w.userId()), store.approvals(w.id()), sessionManager.of(w), base, now,
                passwords.containsKey(w.id()) ? new OsCredentialItem(passwords.get(w.id())) : null)).toList();
        List<RequestItem> waiting = workflow.queries().waitingFor(user, PAGE).stream().map(item).toList();
        List<RequestItem> toReview = workflow.queries().toReview(user, PAGE).stream().map(item).toList();
        List<RequestItem> overseen = store.list(null, WindowStatus.APPROVED, 0, PAGE).stream()
                .filter(w -> now.isBefore(w.endsAt()) && workflow.queries().mayApprove(user, w)).map(item).toList();
        AuditView audit = null;
        if (Auditors.isAuditor(realm, user)) {
            AuditPages pages = new AuditPages(session, realm);
            long total = pages.total(AuditLog.Search.ALL);
            int page = (int) Math.max(0, Math.min(auditPage, (total - 1) / AuditPages.PAGE_SIZE));
            audit = new AuditView(stories(policies, base).tell(pages.newestFirst(AuditLog.Search.ALL, page)), page,
                    total, base, base, "");
        }
        return new PortalView(context, targets, breakGlass, mine, waiting, toReview, overseen, audit)
                .withOversight(Overseers.mayView(realm, user), Overseers.mayManagePolicies(realm, user));
    }

    AuditStories stories(Map<String, ElevationPolicy> policies, String portalUrl) {
        return new AuditStories(session, realm, store, policies, portalUrl);
    }

    /** A target as the forms offer it; for a policy that looks up instance tags, with the instances AWS lists. */
    private TargetView targetView(ElevationPolicy policy) {
        if (!policy.discovers()) {
            return new TargetView(policy);
        }
        try {
            return new TargetView(policy, workflow.instances().requestable(policy, INSTANCES), null);
        } catch (InstanceLookupException e) {
            return new TargetView(policy, List.of(), e.getMessage());
        }
    }

    private RequestItem.Person person(String userId) {
        return people.computeIfAbsent(userId, id -> {
            UserModel user = session.users().getUserById(realm, id);
            return user == null ? new RequestItem.Person(id, id) : new RequestItem.Person(user.getUsername(), name(user));
        });
    }

    /** First and last name, or the username when both are empty. */
    static String name(UserModel user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getUsername() : name;
    }
}
