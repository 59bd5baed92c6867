package io.elevate.api;

import io.elevate.audit.Auditors;
import io.elevate.workflow.ElevationStore;
import io.elevate.aws.instances.InstanceLookupException;
import io.elevate.notify.Notifiers;
import io.elevate.notify.RealmNotifications;
import io.elevate.notify.SigningKey;
import io.elevate.portal.PortalResource;
import io.elevate.window.ConcurrentChange;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;
import io.elevate.workflow.Caller;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.ElevationWorkflow;
import io.elevate.workflow.Outcome;
import io.elevate.workflow.Policies;
import io.elevate.workflow.RequestDraft;
import io.elevate.validation.Violation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /realms/{realm}/elevation}: the elevation workflow for the realm's users, with their bearer tokens. Every
 * answer is JSON; every refusal a 4xx with {@link ApiError}'s body. See {@code docs/openapi.yaml}.
 */
public final class ElevationApi {

    static final int PAGE = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;

    ElevationApi(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(session, realm, ApiClients.authenticate(session, realm));
    }

    /** The dashboard's figures as JSON, for auditors and realm admins. */
    @Path("stats")
    public StatsResource stats() {
        return new StatsResource(session, realm, clock, ApiClients.authenticate(session, realm));
    }

    /** The browser counterpart of this API: server-rendered pages signed in with Keycloak's SSO cookie. */
    @Path("portal")
    public PortalResource portal() {
        return new PortalResource(session, realm, clock, PortalLinks.portal(session, realm));
    }

    /**
     * The public key(s) the realm's webhook messages are signed with, as a JWK Set, for receivers to verify them. No
     * sign-in: public keys are public. An empty set when the realm has no notification settings.
     */
    @GET
    @Path("webhook/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response webhookKeys() {
        SigningKey key = RealmNotifications.of(realm).signingKey();
        return Response.ok(key == null ? "{\"keys\":[]}" : key.publicJwks(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=300").build();
    }

    @GET
    @Path("policies")
    @Produces(MediaType.APPLICATION_JSON)
    public Response policies() {
        return as(caller -> {
            ElevationWorkflow workflow = workflow();
            List<PolicyRepresentation> policies = workflow.queries().eligible(caller.user()).stream()
                    .map(p -> PolicyRepresentation.of(p, workflow.queries().mayBreakGlass(caller.user(), p))).toList();
            return Response.ok(policies).build();
        });
    }

    /** The instances the caller may name in a request (or break-glass) under the policy; AWS is asked when it says so. */
    @GET
    @Path("policies/{id}/instances")
    @Produces(MediaType.APPLICATION_JSON)
    public Response instances(@PathParam("id") String id) {
        return as(caller -> {
            ElevationWorkflow workflow = workflow();
            ElevationPolicy policy = ElevationStore.of(session).policies(realm).find(id)
                    .filter(p -> workflow.queries().eligible(caller.user()).stream().anyMatch(e -> e.id().equals(p.id()))
                            || workflow.queries().mayBreakGlass(caller.user(), p)).orElse(null);
            if (policy == null) {
                return ApiError.notFound("no policy " + id + " you may ask under");
            }
            try {
                return Response.ok(workflow.instances().requestable(policy, PAGE).stream()
                        .map(i -> InstanceRepresentation.of(policy, i)).toList()).build();
            } catch (InstanceLookupException e) {
                return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, "aws_unavailable", e.getMessage(),
                        List.of());
            }
        });
    }

    @GET
    @Path("requests/mine")
    @Produces(MediaType.APPLICATION_JSON)
    public Response mine() {
        return as(caller -> Response.ok(represent(store().list(caller.user().getId(), null, 0, PAGE))).build());
    }

    @GET
    @Path("requests/waiting")
    @Produces(MediaType.APPLICATION_JSON)
    public Response waiting() {
        return as(caller -> {
            ElevationWorkflow workflow = workflow();
            List<ElevationWindow> waiting = new ArrayList<>(workflow.queries().waitingFor(caller.user(), PAGE));
            waiting.addAll(workflow.queries().toReview(caller.user(), PAGE));
            return Response.ok(represent(waiting)).build();
        });
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return as(caller -> store().find(id)
                .filter(w -> w.userId().equals(caller.user().getId()) || workflow().queries().mayApprove(caller.user(), w)
                        || Auditors.isAuditor(realm, caller.user()))
                .map(w -> Response.ok(represent(List.of(w)).get(0)).build())
                .orElseGet(() -> ApiError.notFound("no request " + id + " you may see")));
    }

    @POST
    @Path("requests")
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        return withBody(body, Bodies.REQUEST, (caller, draft) -> workflow().requests().request(caller, draft, clock.instant()),
                Response.Status.CREATED);
    }

    /**
     * A dry run of {@code POST requests}: what the policy would do with this request of the caller (denied by which
     * rule, approved at once by which rule, or by which stages), and why. Creates nothing, records nothing.
     */
    @POST
    @Path("requests/explain")
    @Produces(MediaType.APPLICATION_JSON)
    public Response explain(String body) {
        return as(caller -> {
            StrictJson.Body json = StrictJson.object(session.getContext().getRequestHeaders(), body);
            if (json.refusal() != null) {
                return json.refusal();
            }
            Bodies.Read<RequestDraft> read = Bodies.REQUEST.read(json.json());
            if (!read.valid()) {
                return ApiError.invalid(read.violations());
            }
            // the requester's own: a 403 as POST requests would give when not eligible; the rules by name only
            Optional<Outcome.Refused> refused = workflow().explanations().refusedToRequester(caller.user(),
                    read.value());
            if (refused.isPresent()) {
                return ApiError.of(refused.get());
            }
            return workflow().explanations().explain(caller.user(), read.value(), clock.instant())
                    .map(e -> Response.ok(e.forRequester()).build())
                    .orElseGet(() -> ApiError.invalid(List.of(Violation.of("policy",
                            "no elevation policy with this id in this realm"))));
        });
    }

    @POST
    @Path("break-glass")
    @Produces(MediaType.APPLICATION_JSON)
    public Response breakGlass(String body) {
        return withBody(body, Bodies.BREAK_GLASS, (caller, draft) -> workflow().requests().breakGlass(caller, draft,
                clock.instant()), Response.Status.CREATED);
    }

    @POST
    @Path("requests/{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("id") String id, String body) {
        return withBody(body, Bodies.COMMENT, (caller, comment) -> workflow().decisions().approve(caller, id, comment,
                clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/reject")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reject(@PathParam("id") String id, String body) {
        return withBody(body, Bodies.COMMENT, (caller, comment) -> workflow().decisions().reject(caller, id, comment,
                clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id, String body) {
        return withBody(body, Bodies.REASON, (caller, reason) -> workflow().requester().cancel(caller, id, reason,
                clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/revoke")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        return withBody(body, Bodies.REASON, (caller, reason) -> workflow().oversight().revoke(caller, id, reason, false,
                clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/extend")
    @Produces(MediaType.APPLICATION_JSON)
    public Response extend(@PathParam("id") String id, String body) {
        return withBody(body, Bodies.EXTENSION, (caller, extension) -> workflow().requester().extend(caller, id,
                extension.minutes(), extension.justification(), clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/review")
    @Produces(MediaType.APPLICATION_JSON)
    public Response review(@PathParam("id") String id, String body) {
        return withBody(body, Bodies.COMMENT, (caller, comment) -> workflow().oversight().review(caller, id, comment,
                clock.instant()), Response.Status.OK);
    }

    /**
     * A workflow step that reads a JSON body: 401 without an accepted token, 415 unless the body is JSON, 400 when it
     * is not one strict JSON object of the shape's fields (every violation listed, and the step not taken), 409 when
     * raced.
     */
    private <T> Response withBody(String body, Bodies.Shape<T> shape, Step<T> step, Response.Status success) {
        return as(caller -> {
            StrictJson.Body json = StrictJson.object(session.getContext().getRequestHeaders(), body);
            if (json.refusal() != null) {
                return json.refusal();
            }
            Bodies.Read<T> read = shape.read(json.json());
            if (!read.valid()) {
                return ApiError.invalid(read.violations());
            }
            Outcome outcome;
            try {
                outcome = step.take(caller, read.value());
            } catch (RuntimeException error) {
                if (!ConcurrentChange.isCause(error)) {
                    throw error;
                }
                session.getTransactionManager().setRollbackOnly();
                return ApiError.conflict("someone changed this request at the same moment; read it again");
            }
            if (outcome instanceof Outcome.Refused refused) {
                session.getTransactionManager().setRollbackOnly();
                return ApiError.of(refused);
            }
            return Response.status(success).entity(represent(List.of(((Outcome.Done) outcome).window())).get(0))
                    .build();
        });
    }

    private interface Step<T> {
        Outcome take(Caller caller, T body);
    }

    private Response as(Function<Caller, Response> action) {
        ApiClients.Authenticated authenticated = ApiClients.authenticate(session, realm);
        if (authenticated.refusal() != null) {
            return authenticated.refusal();
        }
        AuthResult auth = authenticated.auth();
        return action.apply(new Caller(auth.user(), auth.client(), auth.token(),
                session.getContext().getConnection().getRemoteAddr(), Caller.levelOf(auth.token(), auth.client())));
    }

    private List<RequestRepresentation> represent(List<ElevationWindow> windows) {
        Instant now = clock.instant();
        WindowStore store = store();
        Policies policies = ElevationStore.of(session).policies(realm);
        return windows.stream().map(w -> {
            UserModel requester = session.users().getUserById(realm, w.userId());
            ElevationPolicy policy = w.request().policyId() == null ? null
                    : policies.find(w.request().policyId()).orElse(null);
            return RequestRepresentation.of(w, requester == null ? w.userId() : requester.getUsername(), policy,
                    store.approvals(w.id()), now);
        }).toList();
    }

    private ElevationWorkflow workflow() {
        return new ElevationWorkflow(session, realm, Notifiers.of(session, realm), PortalLinks.portal(session, realm));
    }

    private WindowStore store() {
        return ElevationStore.of(session).windows(realm);
    }
}
