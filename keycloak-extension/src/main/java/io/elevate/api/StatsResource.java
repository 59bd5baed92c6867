package io.elevate.api;

import io.elevate.insight.Dashboard;
import io.elevate.insight.Figures;
import io.elevate.insight.Overseers;
import io.elevate.insight.PeriodParams;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code GET /realms/{realm}/elevation/stats?from=yyyy-mm-dd&to=yyyy-mm-dd}: the dashboard's figures as JSON, for SIEM
 * and reporting tools; for auditors and the realm's admins (view-realm), as the portal's dashboard.
 */
public final class StatsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;
    private final ApiClients.Authenticated authenticated;

    StatsResource(KeycloakSession session, RealmModel realm, Clock clock, ApiClients.Authenticated authenticated) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
        this.authenticated = authenticated;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response figures() {
        if (authenticated.refusal() != null) {
            return authenticated.refusal();
        }
        if (!Overseers.mayView(realm, authenticated.auth().user())) {
            return ApiError.response(Response.Status.FORBIDDEN, "forbidden",
                    "the figures need the realm role elevation-auditor or realm-management's view-realm", List.of());
        }
        Instant now = clock.instant();
        PeriodParams period = PeriodParams.read(session.getContext().getUri().getQueryParameters(),
                now.atZone(ZoneOffset.UTC).toLocalDate());
        if (!period.violations().isEmpty()) {
            return ApiError.invalid(period.violations());
        }
        Figures figures = new Dashboard(session, realm).figures(now, period.from(), period.to());
        return Response.ok(StatsRepresentation.of(figures), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }
}
