package io.elevate.portal;

import io.elevate.workflow.ElevationStore;
import io.elevate.audit.Actor;
import io.elevate.breakglass.OsCredentials;
import io.elevate.notify.Notifiers;
import io.elevate.window.ConcurrentChange;
import io.elevate.workflow.Caller;
import io.elevate.workflow.ElevationWorkflow;
import io.elevate.workflow.Outcome;
import io.elevate.workflow.RequestDraft;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /realms/{realm}/elevation/portal}: the elevation workflow in the browser, the counterpart of the bearer-token
 * API, calling the same {@link ElevationWorkflow} steps. Signed in with Keycloak's SSO cookie ({@link PortalSignIn});
 * every change is a form POST guarded by {@link CsrfGuard} and answered by a redirect back to the page with a
 * {@link Flash}, or by the page again with the workflow's refusal.
 */
public final class PortalResource {

    private static final int TEXT = 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;
    private final String portalUrl;

    /** The portal at {@code portalUrl}, an absolute link given by the resource that mounts it. */
    public PortalResource(KeycloakSession session, RealmModel realm, Clock clock, String portalUrl) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
        this.portalUrl = portalUrl;
    }

    @GET
    public Response page(@QueryParam("state") String state, @QueryParam("error") String error,
                         @QueryParam("audit") String auditPage, @QueryParam("focus") String focus) {
        PortalSignIn signIn = new PortalSignIn(session, realm, portalUrl);
        if (state != null || error != null) {
            if (!signIn.returnedWith(state)) {
                return pages().error(400, "elevatePortalSignInUnverified", null, null, portalUrl());
            }
            Optional<String> returnTo = signIn.returnTarget();
            return error != null ? pages().error(400, "elevatePortalSignInFailed", error, null, portalUrl())
                    : back(returnTo);
        }
        // a chat message's link to a request's place in a queue: ?focus=waiting-<id> or review-<id>; a fragment would
        // not reach the server, and so would not survive the sign-in
        Optional<String> focused = PortalReturn.focus(focus);
        if (focus != null && focused.isEmpty()) {
            return pages().error(400, "elevatePortalBadLink", "focus=" + focus, null, portalUrl());
        }
        AuthResult auth = signIn.authenticate();
        if (auth == null) {
            Response login = signIn.toLogin(focused);
            return login != null ? login : pages().error(503, "elevatePortalNotSetUp", null, null, portalUrl());
        }
        if (focused.isPresent()) {
            return back(focused);
        }
        Viewer viewer = Viewer.of(session, realm, auth, signIn.client());
        return show(viewer, 200, Flash.take(new PortalCookies(session, portalUrl)), null, null, Map.of(), number(auditPage));
    }

    @POST
    @Path("requests")
    public Response request() {
        return change("request", Flash.REQUESTED, null, (workflow, caller, form) -> {
            RequestDraft draft = form.draft();
            return form.unlessInvalid(() -> workflow.requests().request(caller, draft, clock.instant()));
        });
    }

    @POST
    @Path("break-glass")
    public Response breakGlass() {
        return change("break-glass", Flash.BREAK_GLASS, null, (workflow, caller, form) -> {
            RequestDraft draft = form.draft();
            return form.unlessInvalid(() -> workflow.requests().breakGlass(caller, draft, clock.instant()));
        });
    }

    @POST
    @Path("requests/{id}/approve")
    public Response approve(@PathParam("id") String id) {
        return change(null, Flash.APPROVED, id, (workflow, caller, form) -> {
            String comment = form.text("comment", TEXT);
            return form.unlessInvalid(() -> workflow.decisions().approve(caller, id, comment, clock.instant()));
        });
    }

    @POST
    @Path("requests/{id}/reject")
    public Response reject(@PathParam("id") String id) {
        return change(null, Flash.REJECTED, id, (workflow, caller, form) -> {
            String comment = form.text("comment", TEXT);
            return form.unlessInvalid(() -> workflow.decisions().reject(caller, id, comment, clock.instant()));
        });
    }

    @POST
    @Path("requests/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        return change(null, Flash.CANCELLED, id, (workflow, caller, form) -> {
            String reason = form.text("reason", TEXT);
            return form.unlessInvalid(() -> workflow.requester().cancel(caller, id, reason, clock.instant()));
        });
    }

    @POST
    @Path("requests/{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        return change(null, Flash.REVOKED, id, (workflow, caller, form) -> {
            String reason = form.text("reason", TEXT);
            return form.unlessInvalid(() -> workflow.oversight().revoke(caller, id, reason, false, clock.instant()));
        });
    }

    @POST
    @Path("requests/{id}/extend")
    public Response extend(@PathParam("id") String id) {
        return change(null, Flash.EXTENSION_ASKED, id, (workflow, caller, form) -> {
            Integer minutes = form.minutes("minutes");
            String justification = form.text("justification", TEXT);
            return form.unlessInvalid(() -> workflow.requester().extend(caller, id, minutes, justification, clock.instant()));
        });
    }

    @POST
    @Path("requests/{id}/review")
    public Response review(@PathParam("id") String id) {
        return change(null, Flash.REVIEWED, id, (workflow, caller, form) -> {
            String comment = form.text("comment", TEXT);
            return form.unlessInvalid(() -> workflow.oversight().review(caller, id, comment, clock.instant()));
        });
    }

    /**
     * Shows the requester the OS password of their break-glass window, once. Like every change: signed in, CSRF token
     * and Origin checked; the page is never cached. Anyone else, a second time, too early or too late: the reason.
     */
    @POST
    @Path("requests/{id}/os-credential")
    public Response showOsCredential(@PathParam("id") String id) {
        PortalSignIn signIn = new PortalSignIn(session, realm, portalUrl);
        AuthResult auth = signIn.authenticate();
        if (auth == null) {
            return back();
        }
        MultivaluedMap<String, String> params = session.getContext().getHttpRequest().getDecodedFormParameters();
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        if (!new CsrfGuard(session, realm).allows(auth.session(), params.getFirst(CsrfGuard.FIELD), origin)) {
            return pages().error(403, "elevatePortalForbidden", null, auth.user(), portalUrl());
        }
        OsCredentials.Reveal reveal;
        try {
            ElevationStore store = ElevationStore.of(session);
            reveal = new OsCredentials(session, realm, store.osCredentials(), store.windows(realm)).reveal(auth.user(), Actor.of(session, auth.user()), id,
                    clock.instant());
        } catch (RuntimeException error) {
            if (!ConcurrentChange.isCause(error)) {
                throw error;
            }
            session.getTransactionManager().setRollbackOnly();
            reveal = new OsCredentials.Refused(409, "the password was already shown once; it is never shown again");
        }
        if (reveal instanceof OsCredentials.Refused refused) {
            return pages().error(refused.status(), "elevatePortalOsCredentialRefused", refused.message(), auth.user(),
                    portalUrl());
        }
        return pages().osCredential((OsCredentials.Shown) reveal, auth.user(), portalUrl());
    }

    /**
     * The newest audit records matching the history's filters (the same query parameters) as CSV, for the realm role
     * {@code elevation-auditor}, as the REST API checks it.
     */
    @GET
    @Path("audit.csv")
    public Response auditCsv() {
        return oversight(pages -> pages.csv(query()));
    }

    /** The history in words, filtered by its address: see {@link HistoryFilter}. Auditors only. */
    @GET
    @Path("history")
    public Response history() {
        return oversight(pages -> pages.history(query()));
    }

    /** What holds and waits for access now, and the figures of a period. Auditors and realm admins. */
    @GET
    @Path("dashboard")
    public Response dashboard() {
        return oversight(pages -> pages.dashboard(query()));
    }

    /** A request's own page: what was asked and its whole life. Its requester, its approvers, auditors, admins. */
    @GET
    @Path("requests/{id}")
    public Response requestPage(@PathParam("id") String id) {
        return oversight(pages -> pages.request(id, workflow()));
    }

    /** The realm's elevation policies by name, for realm admins (manage-realm). */
    @GET
    @Path("policies")
    public Response policies(@QueryParam("saved") String saved) {
        String flash = saved != null && java.util.Set.of("created", "updated", "deleted").contains(saved) ? saved : null;
        return policyAdmin(false, (pages, csrf) -> pages.list(csrf, flash));
    }

    @GET
    @Path("policies/new")
    public Response newPolicy() {
        return policyAdmin(false, (pages, csrf) -> pages.form(null, csrf));
    }

    @GET
    @Path("policies/{id}")
    public Response policy(@PathParam("id") String id) {
        return policyAdmin(false, (pages, csrf) -> pages.form(id, csrf));
    }

    @POST
    @Path("policies")
    public Response createPolicy() {
        return policyAdmin(true, (pages, csrf) -> pages.save(null, formParams(), csrf));
    }

    @POST
    @Path("policies/{id}")
    public Response updatePolicy(@PathParam("id") String id) {
        return policyAdmin(true, (pages, csrf) -> pages.save(id, formParams(), csrf));
    }

    @POST
    @Path("policies/{id}/delete")
    public Response deletePolicy(@PathParam("id") String id) {
        return policyAdmin(true, (pages, csrf) -> pages.delete(id));
    }

    /**
     * A policies page: signed in (else back to the portal), manage-realm (else 403), and for a change a valid CSRF token
     * and Origin (else 403 and nothing changes), as every other form of the portal.
     */
    private Response policyAdmin(boolean change, java.util.function.BiFunction<PolicyPages, String, Response> page) {
        PortalSignIn signIn = new PortalSignIn(session, realm, portalUrl);
        AuthResult auth = signIn.authenticate();
        if (auth == null) {
            return back();
        }
        OversightPages oversight = new OversightPages(session, realm, auth.user(), portalUrl(), signIn.signOutUrl(),
                clock.instant());
        PolicyPages pages = new PolicyPages(session, realm, auth.user(), oversight.frame(), clock.instant());
        if (!pages.allowed()) {
            return pages.refused();
        }
        CsrfGuard csrf = new CsrfGuard(session, realm);
        if (change) {
            String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
            if (!csrf.allows(auth.session(), formParams().getFirst(CsrfGuard.FIELD), origin)) {
                return pages().error(403, "elevatePortalForbidden", null, auth.user(), portalUrl());
            }
        }
        return page.apply(pages, csrf.tokenFor(auth.session()));
    }

    private MultivaluedMap<String, String> formParams() {
        return session.getContext().getHttpRequest().getDecodedFormParameters();
    }

    /** A read-only page for the signed-in user (else back to the portal, which signs in). */
    private Response oversight(java.util.function.Function<OversightPages, Response> page) {
        PortalSignIn signIn = new PortalSignIn(session, realm, portalUrl);
        AuthResult auth = signIn.authenticate();
        if (auth == null) {
            // signed in, the browser comes back to this page, its filters included
            java.net.URI uri = session.getContext().getUri().getRequestUri();
            Response login = signIn.toLogin(PortalReturn.here(uri.getRawPath(), uri.getRawQuery()));
            return login != null ? login : back();
        }
        return page.apply(new OversightPages(session, realm, auth.user(), portalUrl(), signIn.signOutUrl(),
                clock.instant()));
    }

    private MultivaluedMap<String, String> query() {
        return session.getContext().getUri().getQueryParameters();
    }

    private interface Step {
        Outcome take(ElevationWorkflow workflow, Caller caller, FormInput form);
    }

    /**
     * A state change: signed in (else back to the page, which signs in), a valid CSRF token and Origin (else 403 and
     * nothing changes), then the workflow step; done: redirect with a flash; refused: the page with the reason.
     */
    private Response change(String formName, Flash done, String requestId, Step step) {
        PortalSignIn signIn = new PortalSignIn(session, realm, portalUrl);
        AuthResult auth = signIn.authenticate();
        if (auth == null) {
            return back();
        }
        MultivaluedMap<String, String> params = session.getContext().getHttpRequest().getDecodedFormParameters();
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        if (!new CsrfGuard(session, realm).allows(auth.session(), params.getFirst(CsrfGuard.FIELD), origin)) {
            return pages().error(403, "elevatePortalForbidden", null, auth.user(), portalUrl());
        }
        Viewer viewer = Viewer.of(session, realm, auth, signIn.client());
        FormInput form = new FormInput(params);
        Outcome outcome;
        try {
            outcome = step.take(workflow(), viewer.caller(), form);
        } catch (RuntimeException error) {
            if (!ConcurrentChange.isCause(error)) {
                throw error;
            }
            session.getTransactionManager().setRollbackOnly();
            Flash.CONCURRENT.send(new PortalCookies(session, portalUrl));
            return back();
        }
        if (outcome instanceof Outcome.Refused refused) {
            Response page = show(viewer, refused.status(), null, new Problem(refused, requestId), formName,
                    form.echo(), 0);
            session.getTransactionManager().setRollbackOnly();
            return page;
        }
        Flash.after(done, ((Outcome.Done) outcome).window()).send(new PortalCookies(session, portalUrl));
        return back();
    }

    private Response show(Viewer viewer, int status, Flash flash, Problem problem, String formName,
                          Map<String, String> echo, int auditPage) {
        PortalView.Context context = new PortalView.Context(viewer, PortalViews.name(viewer.user()), portalUrl(),
                new PortalSignIn(session, realm, portalUrl).signOutUrl(), Times.format(clock.instant()), flash, problem, formName,
                echo);
        PortalView view = new PortalViews(session, realm, workflow(), clock.instant()).build(context, auditPage);
        return pages().portal(view, status, viewer.user());
    }

    /** POST-redirect-GET, and every way back to the page: always the server's own portal URL. */
    private Response back() {
        return back(Optional.empty());
    }

    /** {@link #back()}, to a place below the portal's own URL ({@link PortalReturn}) when there is one. */
    private Response back(Optional<String> returnTo) {
        String target = portalUrl() + PortalReturn.of(returnTo.orElse(null)).orElse("");
        return Response.seeOther(URI.create(target)).header("Cache-Control", "no-store").build();
    }

    private ElevationWorkflow workflow() {
        return new ElevationWorkflow(session, realm, Notifiers.of(session, realm), portalUrl());
    }

    private PortalPages pages() {
        return new PortalPages(session, realm);
    }

    private String portalUrl() {
        return portalUrl;
    }

    private static int number(String page) {
        try {
            return page == null ? 0 : Math.max(0, Integer.parseInt(page));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
