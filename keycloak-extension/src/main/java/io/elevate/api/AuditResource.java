package io.elevate.api;

import io.elevate.audit.AuditLog;
import io.elevate.audit.AuditRecord;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /realms/{realm}/elevation/audit}: the history, for users with the realm role {@code elevation-auditor}. */
public final class AuditResource {

    public static final String AUDITOR_ROLE = "elevation-auditor";
    private static final int MAX = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuthResult auth;

    AuditResource(KeycloakSession session, RealmModel realm, AuthResult auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    static boolean isAuditor(RealmModel realm, UserModel user) {
        RoleModel role = realm.getRole(AUDITOR_ROLE);
        return role != null && user.hasRole(role);
    }

    @GET
    @Produces({"application/json", "text/csv"})
    public Response query(@QueryParam("window") String window, @QueryParam("actor") String actor,
                          @QueryParam("action") String action, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("first") Integer first,
                          @QueryParam("max") Integer max, @QueryParam("format") String format) {
        if (auth == null) {
            return ApiError.response(Response.Status.UNAUTHORIZED, "invalid_token",
                    "a valid bearer token of this realm is required", List.of());
        }
        if (!isAuditor(realm, auth.user())) {
            return ApiError.response(Response.Status.FORBIDDEN, "forbidden",
                    "the audit trail needs the realm role " + AUDITOR_ROLE, List.of());
        }
        Instant since;
        Instant until;
        try {
            since = from == null ? null : Instant.parse(from);
            until = to == null ? null : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return ApiError.badRequest("from and to must be ISO-8601 instants such as 2026-11-21T09:00:00Z");
        }
        int offset = first == null ? 0 : first;
        int size = max == null ? 100 : max;
        if (offset < 0 || size < 1 || size > MAX) {
            return ApiError.badRequest("first must be 0 or more and max between 1 and " + MAX);
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            return ApiError.badRequest("format must be json or csv");
        }
        List<AuditRecord> records = new AuditLog(session, realm)
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
