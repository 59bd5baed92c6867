package io.elevate.admin;

import io.elevate.workflow.ElevationStore;
import io.elevate.api.ApiError;
import io.elevate.api.AuditResource;
import io.elevate.api.JsonFields;
import io.elevate.api.QueryParams;
import io.elevate.api.StrictJson;
import io.elevate.audit.Actor;
import io.elevate.audit.AuditLog;
import io.elevate.audit.ElevationEvents;
import io.elevate.aws.client.ElevateAws;
import io.elevate.aws.iam.IamArtifacts;
import io.elevate.aws.iam.IamRequest;
import io.elevate.notify.NoticeOutbox;
import io.elevate.notify.Notifiers;
import io.elevate.notify.RealmNotifications;
import io.elevate.signin.ElevationMapperConfig;
import io.elevate.validation.Violation;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;
import io.elevate.window.WindowStore;
import io.elevate.workflow.Caller;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.ElevationWorkflow;
import io.elevate.workflow.Outcome;
import io.elevate.workflow.RequestDraft;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/realms/{realm}/elevation}: admins grant, list and revoke elevation windows. Reading needs view-realm,
 * changing needs manage-realm. Every change is written to Elevate's audit log and to Keycloak's admin events.
 */
public final class ElevationAdminResource {

    /**
     * Keycloak's resource type for extensions' events, which its admin-events filters accept; the events are told
     * apart by their path, {@code elevation/windows/{id}} (grant) and {@code elevation/windows/{id}/revoke}.
     */
    static final ResourceType RESOURCE_TYPE = ResourceType.CUSTOM;
    private static final int MAX_PAGE = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final Duration maxDuration;
    private final Clock clock;

    ElevationAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                           AdminEventBuilder adminEvent, Duration maxDuration, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.maxDuration = maxDuration;
        this.clock = clock;
    }

    @GET
    @Path("windows")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("user") String user, @QueryParam("status") String status,
                         @QueryParam("first") String first, @QueryParam("max") String max) {
        auth.realm().requireViewRealm();
        QueryParams params = strict(Set.of("user", "status", "first", "max"), "the window list");
        String wantedName = params.oneOf("status", status == null ? null : status.toUpperCase(Locale.ROOT),
                java.util.Arrays.stream(WindowStatus.values()).map(Enum::name).toList());
        WindowStatus wanted = wantedName == null ? null : WindowStatus.valueOf(wantedName);
        String userId = null;
        if (params.text("user", user) != null) {
            UserModel found = Users.byUsernameOrId(session, realm, user);
            if (found == null) {
                params.violations().add(Violation.of("user", "no user of this realm has this username or id"));
            } else {
                userId = found.getId();
            }
        }
        Page page = Page.of(params, first, max, MAX_PAGE);
        if (!params.violations().isEmpty()) {
            return ApiError.invalid(params.violations());
        }
        Instant now = clock.instant();
        List<WindowRepresentation> windows = windows().list(userId, wanted, page.first(), page.max()).stream()
                .map(w -> represent(w, now)).toList();
        return Response.ok(windows).build();
    }

    @GET
    @Path("windows/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        Instant now = clock.instant();
        return windows().find(id).map(w -> Response.ok(represent(w, now)).build())
                .orElseGet(() -> ApiError.notFound("no elevation window " + id + " in this realm"));
    }

    @POST
    @Path("windows")
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        auth.realm().requireManageRealm();
        StrictJson.Body json = StrictJson.object(session.getContext().getRequestHeaders(), body);
        if (json.refusal() != null) {
            return json.refusal();
        }
        Instant now = clock.instant();
        Actor actor = Actor.of(session, auth.adminAuth().getUser());
        WindowDraftReader.Result read = new WindowDraftReader(session, realm, maxDuration).read(json.json(),
                actor.name(), now);
        if (!read.violations().isEmpty()) {
            return ApiError.invalid(read.violations());
        }
        Outcome outcome = new ElevationWorkflow(session, realm, Notifiers.of(session, realm), null).oversight()
                .grant(caller(), read.draft(), now);
        if (outcome instanceof Outcome.Refused refused) {
            return ApiError.of(refused);
        }
        ElevationWindow window = ((Outcome.Done) outcome).window();
        WindowRepresentation representation = represent(window, now);
        adminEvent.operation(OperationType.CREATE).resourcePath(ElevationEvents.PATH_PREFIX, "windows", window.id())
                .representation(representation).success();
        return Response.created(URI.create(window.id())).entity(representation).build();
    }

    @POST
    @Path("windows/{id}/revoke")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        auth.realm().requireManageRealm();
        StrictJson.Body json = StrictJson.object(session.getContext().getRequestHeaders(), body);
        if (json.refusal() != null) {
            return json.refusal();
        }
        JsonFields fields = new JsonFields(json.json(), Set.of("reason"));
        String reason = fields.text("reason", true, WindowDraftReader.MAX_JUSTIFICATION, true);
        if (!fields.violations().isEmpty()) {
            return ApiError.invalid(fields.violations());
        }
        Instant now = clock.instant();
        Outcome outcome = new ElevationWorkflow(session, realm, Notifiers.of(session, realm), null)
                .oversight().revoke(caller(), id, reason, true, now);
        if (outcome instanceof Outcome.Refused refused) {
            return ApiError.of(refused);
        }
        WindowRepresentation representation = represent(((Outcome.Done) outcome).window(), now);
        adminEvent.operation(OperationType.UPDATE).resourcePath(ElevationEvents.PATH_PREFIX, "windows", id, "revoke")
                .representation(representation).success();
        return Response.ok(representation).build();
    }

    /**
     * What the policy would do with a request of {@code user} (username or id) with these fields: denied by which rule,
     * approved at once by which rule, or by which approval stages; every rule's answer and the context it saw. Creates
     * and records nothing.
     */
    @GET
    @Path("policies/{id}/explain")
    @Produces(MediaType.APPLICATION_JSON)
    public Response explain(@PathParam("id") String policyId, @QueryParam("user") String user,
                            @QueryParam("instanceId") String instanceId,
                            @QueryParam("durationMinutes") String durationMinutes,
                            @QueryParam("startsAt") String startsAt, @QueryParam("ticket") String ticket,
                            @QueryParam("justification") String justification) {
        auth.realm().requireViewRealm();
        QueryParams params = new QueryParams();
        UserModel found = null;
        if (user == null || user.isBlank()) {
            params.violations().add(Violation.of("user", "is required: the username or id of who would ask"));
        } else if (params.text("user", user) != null) {
            found = Users.byUsernameOrId(session, realm, user);
            if (found == null) {
                params.violations().add(Violation.of("user", "no user of this realm has this username or id"));
            }
        }
        int minutes = params.integer("durationMinutes", durationMinutes, -1, 1, Integer.MAX_VALUE);
        Instant start = params.instant("startsAt", startsAt);
        params.text("instanceId", instanceId);
        params.text("ticket", ticket);
        params.text("justification", justification);
        if (!params.violations().isEmpty()) {
            return ApiError.invalid(params.violations());
        }
        RequestDraft draft = new RequestDraft(policyId, instanceId, justification, ticket,
                minutes < 0 ? null : minutes, start);
        ElevationWorkflow workflow = new ElevationWorkflow(session, realm, Notifiers.of(session, realm), null);
        return workflow.explanations().explain(found, draft, clock.instant())
                .map(e -> Response.ok(e).build())
                .orElseGet(() -> ApiError.notFound("no elevation policy " + policyId + " in this realm"));
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    public Response audit(@QueryParam("window") String windowId, @QueryParam("first") String first,
                          @QueryParam("max") String max) {
        auth.realm().requireViewRealm();
        QueryParams params = strict(Set.of("window", "first", "max"), "the audit trail");
        params.text("window", windowId);
        Page page = Page.of(params, first, max, MAX_PAGE);
        if (!params.violations().isEmpty()) {
            return ApiError.invalid(params.violations());
        }
        return Response.ok(store().audit(realm).list(AuditLog.Filter.window(windowId), page.first(), page.max()).stream()
                .map(AuditResource.AuditEntry::of).toList()).build();
    }

    private QueryParams strict(Set<String> names, String what) {
        return QueryParams.strict(session.getContext().getUri().getQueryParameters(), names, what);
    }

    /** The realm's revocation outbox: which revoked windows' deny policies are in IAM, pending or failing. */
    @GET
    @Path("revocations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revocations(@QueryParam("first") String first, @QueryParam("max") String max) {
        auth.realm().requireViewRealm();
        QueryParams params = new QueryParams();
        Page page = Page.of(params, first, max, MAX_PAGE);
        if (!params.violations().isEmpty()) {
            return ApiError.invalid(params.violations());
        }
        boolean awsEnabled = session.getProvider(ElevateAws.class).enabled();
        return Response.ok(RevocationsRepresentation.of(awsEnabled,
                store().revocations().list(realm, page.first(), page.max()))).build();
    }

    /** The realm's notice outbox: each notice to each receiver, delivered, waiting, failing or given up. */
    @GET
    @Path("notices")
    @Produces(MediaType.APPLICATION_JSON)
    public Response notices(@QueryParam("first") String first, @QueryParam("max") String max) {
        auth.realm().requireViewRealm();
        QueryParams params = new QueryParams();
        Page page = Page.of(params, first, max, MAX_PAGE);
        if (!params.violations().isEmpty()) {
            return ApiError.invalid(params.violations());
        }
        return Response.ok(NoticesRepresentation.of(new NoticeOutbox(session).list(realm, page.first(), page.max())))
                .build();
    }

    /**
     * The IAM artifacts of the realm's elevation policies (trust, ABAC permission and revocation policies per role) as
     * JSON, a CloudFormation template or Terraform; 422 with the report when a document breaks an AWS size limit.
     */
    @GET
    @Path("iam")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response iam() {
        auth.realm().requireViewRealm();
        IamRequest request = IamRequest.parse(session.getContext().getUri().getQueryParameters());
        if (!request.violations().isEmpty()) {
            return ApiError.invalid(request.violations());
        }
        List<ElevationPolicy> policies = store().policies(realm).all();
        if (policies.isEmpty()) {
            return ApiError.notFound("the realm has no valid elevation policy: there is nothing to generate");
        }
        List<Violation> unusable = IamArtifacts.violations(policies, request.options());
        if (!unusable.isEmpty()) {
            return ApiError.invalid(unusable);
        }
        IamArtifacts artifacts = IamArtifacts.generate(realm.getName(), policies, request.options(), clientId ->
                Optional.ofNullable(realm.getClientByClientId(clientId)).flatMap(ElevationMapperConfig::forClient),
                RealmNotifications.of(realm).snsTopicArn());
        if (!artifacts.withinLimits()) {
            return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError("policy_too_large",
                    artifacts.overflows().size() + " document(s) exceed an AWS size limit; nothing was cut to fit. "
                            + "Split the policies, use fewer tags or slots, or fewer templates.",
                    artifacts.overflowViolations())).build();
        }
        return Response.ok(request.format().render(artifacts), request.format().mediaType()).build();
    }

    private ElevationStore store() {
        return ElevationStore.of(session);
    }

    private WindowStore windows() {
        return store().windows(realm);
    }

    /** The signed-in admin, as the workflow sees who acts. */
    private Caller caller() {
        return new Caller(auth.adminAuth().getUser(), auth.adminAuth().getClient(), auth.adminAuth().getToken(),
                session.getContext().getConnection().getRemoteAddr(), Caller.levelOf(auth.adminAuth().getToken(),
                auth.adminAuth().getClient()));
    }

    private WindowRepresentation represent(ElevationWindow window, Instant now) {
        return WindowRepresentation.of(window, session.users().getUserById(realm, window.userId()),
                realm.getClientById(window.clientId()), now);
    }

    /** Paging parameters; what makes no sense is added to {@code params}' violations. */
    private record Page(int first, int max) {

        static Page of(QueryParams params, String first, String max, int limit) {
            return new Page(params.integer("first", first, 0, 0, Integer.MAX_VALUE),
                    params.integer("max", max, 100, 1, limit));
        }
    }
}
