package io.elevate.api;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
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
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.util.JsonSerialization;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        return new AuditResource(session, realm, authenticated());
    }

    /** The browser counterpart of this API: server-rendered pages signed in with Keycloak's SSO cookie. */
    @Path("portal")
    public PortalResource portal() {
        return new PortalResource(session, realm, clock);
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
            List<PolicyRepresentation> policies = workflow.eligible(caller.user()).stream()
                    .map(p -> PolicyRepresentation.of(p, workflow.mayBreakGlass(caller.user(), p))).toList();
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
            ElevationPolicy policy = new Policies(realm).find(id)
                    .filter(p -> workflow.eligible(caller.user()).stream().anyMatch(e -> e.id().equals(p.id()))
                            || workflow.mayBreakGlass(caller.user(), p)).orElse(null);
            if (policy == null) {
                return ApiError.notFound("no policy " + id + " you may ask under");
            }
            try {
                return Response.ok(workflow.requestable(policy, PAGE).stream()
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
            List<ElevationWindow> waiting = new ArrayList<>(workflow.waitingFor(caller.user(), PAGE));
            waiting.addAll(workflow.toReview(caller.user(), PAGE));
            return Response.ok(represent(waiting)).build();
        });
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return as(caller -> store().find(id)
                .filter(w -> w.userId().equals(caller.user().getId()) || workflow().mayApprove(caller.user(), w)
                        || AuditResource.isAuditor(realm, caller.user()))
                .map(w -> Response.ok(represent(List.of(w)).get(0)).build())
                .orElseGet(() -> ApiError.notFound("no request " + id + " you may see")));
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        return withBody(body, Set.of("policy", "instanceId", "justification", "ticket", "durationMinutes", "startsAt"),
                (caller, fields) -> {
                    RequestDraft draft = draft(fields);
                    return fields.violations().isEmpty() ? workflow().request(caller, draft, clock.instant())
                            : Outcome.invalid(fields.violations());
                }, Response.Status.CREATED);
    }

    @POST
    @Path("break-glass")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response breakGlass(String body) {
        return withBody(body, Set.of("policy", "instanceId", "justification", "ticket", "durationMinutes"),
                (caller, fields) -> {
                    RequestDraft draft = draft(fields);
                    return fields.violations().isEmpty() ? workflow().breakGlass(caller, draft, clock.instant())
                            : Outcome.invalid(fields.violations());
                }, Response.Status.CREATED);
    }

    @POST
    @Path("requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("id") String id, String body) {
        return withBody(body, Set.of("comment"), (caller, fields) ->
                workflow().approve(caller, id, fields.text("comment", false, 1024), clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reject(@PathParam("id") String id, String body) {
        return withBody(body, Set.of("comment"), (caller, fields) ->
                workflow().reject(caller, id, fields.text("comment", false, 1024), clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id, String body) {
        return withBody(body, Set.of("reason"), (caller, fields) ->
                workflow().cancel(caller, id, fields.text("reason", false, 1024), clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        return withBody(body, Set.of("reason"), (caller, fields) ->
                workflow().revoke(caller, id, fields.text("reason", false, 1024), false, clock.instant()),
                Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response extend(@PathParam("id") String id, String body) {
        return withBody(body, Set.of("minutes", "justification"), (caller, fields) ->
                workflow().extend(caller, id, fields.integer("minutes"), fields.text("justification", false, 1024),
                        clock.instant()), Response.Status.OK);
    }

    @POST
    @Path("requests/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response review(@PathParam("id") String id, String body) {
        return withBody(body, Set.of("comment"), (caller, fields) ->
                workflow().review(caller, id, fields.text("comment", false, 1024), clock.instant()), Response.Status.OK);
    }

    /** A workflow step that reads a JSON body: 401 without a valid token, 400 for a bad body, 409 when raced. */
    private Response withBody(String body, Set<String> fields, Step step, Response.Status success) {
        return as(caller -> {
            JsonNode json = parse(body);
            if (json == null) {
                return ApiError.badRequest("the body must be a JSON object");
            }
            Outcome outcome;
            try {
                outcome = step.take(caller, new JsonFields(json, fields));
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

    private interface Step {
        Outcome take(Caller caller, JsonFields fields);
    }

    private Response as(Function<Caller, Response> action) {
        AuthResult auth = authenticated();
        if (auth == null) {
            return ApiError.response(Response.Status.UNAUTHORIZED, "invalid_token",
                    "a valid bearer token of this realm is required", List.of());
        }
        return action.apply(new Caller(auth.user(), auth.client(), auth.token(),
                session.getContext().getConnection().getRemoteAddr(), Caller.levelOf(auth.token())));
    }

    private AuthResult authenticated() {
        return new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
    }

    private RequestDraft draft(JsonFields fields) {
        return new RequestDraft(fields.text("policy", true, 64), fields.text("instanceId", false, 32),
                fields.text("justification", false, 4096), fields.text("ticket", false, 256),
                fields.integer("durationMinutes"), fields.instant("startsAt"));
    }

    private List<RequestRepresentation> represent(List<ElevationWindow> windows) {
        Instant now = clock.instant();
        WindowStore store = store();
        Policies policies = new Policies(realm);
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
        return new WindowStore(session, realm);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonSerialization.mapper.createObjectNode();
        }
        try {
            JsonNode json = JsonSerialization.mapper.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
