package io.elevate.testing.clock;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test only, never shipped: {@code /realms/master/elevate-test-clock/offset} moves Keycloak's clock ({@link Time}'s
 * offset, which Keycloak's own test suite moves the same way), so tests see expiry, scheduled starts and timers at
 * once instead of sleeping. Installed by the test harness from the {@code test-clock} jar.
 */
public final class TestClockProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "elevate-test-clock";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return "master".equals(session.getContext().getRealm().getName()) ? new Resource() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** The offset in seconds. */
    public static final class Resource {

        @GET
        @Path("offset")
        @Produces(MediaType.TEXT_PLAIN)
        public String offset() {
            return String.valueOf(Time.getOffset());
        }

        @POST
        @Path("offset")
        @Produces(MediaType.TEXT_PLAIN)
        public Response move(@QueryParam("seconds") int seconds) {
            Time.setOffset(seconds);
            return Response.ok(String.valueOf(Time.getOffset())).build();
        }
    }
}
