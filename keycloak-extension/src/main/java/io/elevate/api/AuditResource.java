package io.elevate.api;

import io.elevate.audit.AuditCsv;
import io.elevate.workflow.ElevationStore;
import io.elevate.audit.AuditLog;
import io.elevate.audit.AuditRecord;
import io.elevate.audit.Auditors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.time.Instant;
import java.util.List;

/** {@code GET /realms/{realm}/elevation/audit}: the history, for users with the realm role {@code elevation-auditor}. */
public final class AuditResource {

    private static final int MAX = 1000;
    private static final java.util.Set<String> NAMES = java.util.Set.of("window", "actor", "action", "from", "to",
            "first", "max", "format");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiClients.Authenticated authenticated;

    AuditResource(KeycloakSession session, RealmModel realm, ApiClients.Authenticated authenticated) {
        this.session = session;
        this.realm = realm;
        this.authenticated = authenticated;
    }

    /**
     * The records matching the filters, oldest first. Every query parameter is read here, not by JAX-RS, so that a
     * malformed one is a 400 listing what is wrong rather than a 404.
     */
    @GET
    @Produces({"application/json", "text/csv"})
    public Response query(@QueryParam("window") String window, @QueryParam("actor") String actor,
                          @QueryParam("action") String action, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("first") String first,
                          @QueryParam("max") String max, @QueryParam("format") String format) {
        if (authenticated.refusal() != null) {
            return authenticated.refusal();
        }
        AuthResult auth = authenticated.auth();
        if (!Auditors.isAuditor(realm, auth.user())) {
            return ApiError.response(Response.Status.FORBIDDEN, "forbidden",
                    "the audit trail needs the realm role " + Auditors.ROLE, List.of());
        }
        QueryParams params = QueryParams.strict(session.getContext().getUri().getQueryParameters(), NAMES,
                "the audit trail");
        Instant since = params.instant("from", from);
        Instant until = params.instant("to", to);
        int offset = params.integer("first", first, 0, 0, Integer.MAX_VALUE);
        int size = params.integer("max", max, 100, 1, MAX);
        params.oneOf("format", format, List.of("json", "csv"));
        params.text("window", window);
        params.text("actor", actor);
        params.text("action", action);
        if (!params.violations().isEmpty()) {
            return ApiError.invalid(params.violations());
        }
        List<AuditRecord> records = ElevationStore.of(session).audit(realm)
                .list(new AuditLog.Filter(window, actor, action, since, until), offset, size);
        if ("csv".equals(format)) {
            return Response.ok(AuditCsv.of(records), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"elevation-audit.csv\"").build();
        }
        return Response.ok(records.stream().map(AuditEntry::of).toList(), "application/json").build();
    }

    /** One audit record in JSON. */
    public record AuditEntry(String id, String occurredAt, String action, String windowId, String actorId,
                             String actorName, String ipAddress, String detail) {

        public static AuditEntry of(AuditRecord r) {
            return new AuditEntry(r.id(), r.occurredAt().toString(), r.action(), r.windowId(), r.actorId(),
                    r.actorName(), r.ipAddress(), r.detail());
        }
    }
}
