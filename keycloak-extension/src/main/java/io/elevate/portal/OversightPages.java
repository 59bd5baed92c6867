package io.elevate.portal;

import io.elevate.audit.AuditLog;
import io.elevate.audit.Auditors;
import io.elevate.insight.Dashboard;
import io.elevate.insight.Figures;
import io.elevate.insight.Overseers;
import io.elevate.insight.PeriodParams;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.ElevationStore;
import io.elevate.workflow.ElevationWorkflow;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pages of those who oversee access: the history with its filters (auditors), a request's whole life (auditors,
 * realm admins, its requester and its approvers), the dashboard (auditors and realm admins), and the CSV download
 * that follows the history's filters. Read only: every page is a GET, its filters in the address.
 */
final class OversightPages {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final PageFrame frame;
    private final Instant now;
    private final PortalPages pages;
    private final Map<String, ElevationPolicy> policies;

    OversightPages(KeycloakSession session, RealmModel realm, UserModel user, String portalUrl, String signOutUrl,
                   Instant now) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.now = now;
        this.pages = new PortalPages(session, realm);
        this.frame = new PageFrame(PortalViews.name(user), user.getUsername(), portalUrl, signOutUrl,
                Times.format(now), Overseers.mayView(realm, user), Auditors.isAuditor(realm, user),
                Overseers.mayManagePolicies(realm, user));
        this.policies = ElevationStore.of(session).policies(realm).all().stream()
                .collect(Collectors.toMap(ElevationPolicy::id, Function.identity(), (a, b) -> a));
    }

    PageFrame frame() {
        return frame;
    }

    Response history(MultivaluedMap<String, String> params) {
        if (!Auditors.isAuditor(realm, user)) {
            return pages.error(403, "elevatePortalNotAuditor", null, user, frame.getPortalUrl());
        }
        HistoryFilter filter = HistoryFilter.read(params, policies::containsKey);
        if (!filter.valid()) {
            return pages.page(PortalPages.HISTORY, new HistoryView(frame, filter.values(), List.copyOf(policies.values()),
                    filter.violations(), null), 400, user);
        }
        AuditLog.Search search = search(filter);
        AuditPages audit = new AuditPages(session, realm);
        long total = audit.total(search);
        int page = (int) Math.max(0, Math.min(filter.page(), (total - 1) / AuditPages.PAGE_SIZE));
        String url = frame.getPortalUrl();
        AuditView view = new AuditView(stories().tell(audit.newestFirst(search, page)), page, total, url,
                url + "/history", filter.query());
        return pages.page(PortalPages.HISTORY, new HistoryView(frame, filter.values(), List.copyOf(policies.values()),
                List.of(), view), 200, user);
    }

    /** The newest records matching the history's filters, as CSV in words ({@link HistoryCsv}); a bad filter: 400. */
    Response csv(MultivaluedMap<String, String> params) {
        if (!Auditors.isAuditor(realm, user)) {
            return pages.error(403, "elevatePortalNotAuditor", null, user, frame.getPortalUrl());
        }
        HistoryFilter filter = HistoryFilter.readCsv(params, policies::containsKey);
        if (!filter.valid()) {
            return pages.page(PortalPages.HISTORY, new HistoryView(frame, filter.values(), List.copyOf(policies.values()),
                    filter.violations(), null), 400, user);
        }
        String csv = HistoryCsv.of(stories().tell(new AuditPages(session, realm).newestForCsv(search(filter))));
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"elevation-audit.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    Response request(String id, ElevationWorkflow workflow) {
        WindowStore windows = ElevationStore.of(session).windows(realm);
        Optional<ElevationWindow> found = id.length() > 36 ? Optional.empty() : windows.find(id);
        boolean overseer = Overseers.mayView(realm, user);
        if (found.isEmpty() || !(overseer || found.get().userId().equals(user.getId())
                || workflow.queries().mayApprove(user, found.get()))) {
            // the same answer whether it does not exist or is not yours: ids are not disclosed
            return pages.error(404, "elevatePortalNoRequest", null, user, frame.getPortalUrl());
        }
        ElevationWindow window = found.get();
        AuditStories stories = stories();
        RequestItem item = new RequestItem(window, policies.get(window.request().policyId()),
                person(window.userId()), windows.approvals(window.id()), null, frame.getPortalUrl(), now, null);
        return pages.page(PortalPages.REQUEST, new RequestPage(frame, item,
                stories.tell(new AuditPages(session, realm).ofRequest(window.id())), AuditPages.LIFE_MAX), 200, user);
    }

    Response dashboard(MultivaluedMap<String, String> params) {
        if (!Overseers.mayView(realm, user)) {
            return pages.error(403, "elevatePortalNotOverseer", null, user, frame.getPortalUrl());
        }
        PeriodParams period = PeriodParams.read(params, now.atZone(ZoneOffset.UTC).toLocalDate());
        Map<String, String> given = params.keySet().stream().filter(k -> k.equals("from") || k.equals("to"))
                .collect(Collectors.toMap(k -> k, params::getFirst));
        if (!period.violations().isEmpty()) {
            return pages.page(PortalPages.DASHBOARD, new DashboardView(frame, null, given.get("from"),
                    given.get("to"), period.violations(), Set.of()), 400, user);
        }
        Figures figures = new Dashboard(session, realm, policies).figures(now, period.from(), period.to());
        return pages.page(PortalPages.DASHBOARD, new DashboardView(frame, figures, period.from().toString(),
                period.to().toString(), List.of(), policies.keySet()), 200, user);
    }

    private AuditLog.Search search(HistoryFilter filter) {
        UserModel person = filter.person() == null ? null : session.users().getUserByUsername(realm, filter.person());
        return person == null ? filter.search(null, null) : filter.search(person.getUsername(), person.getId());
    }

    private AuditStories stories() {
        return new AuditStories(session, realm, ElevationStore.of(session).windows(realm), policies,
                frame.getPortalUrl());
    }

    private RequestItem.Person person(String userId) {
        UserModel requester = session.users().getUserById(realm, userId);
        return requester == null ? new RequestItem.Person(userId, userId)
                : new RequestItem.Person(requester.getUsername(), PortalViews.name(requester));
    }
}
