package io.elevate.workflow;

import io.elevate.Elevate;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;

/** The default {@code elevate-store} provider: Elevate's tables in Keycloak's own database, through its JPA connection. */
public final class JpaElevationStoreFactory implements ElevationStoreFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";

    @Override
    public ElevationStore create(KeycloakSession session) {
        return new JpaElevationStore(session);
    }

    @Override
    public void init(Config.Scope config) {
        // no settings
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to start
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", Elevate.version());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
        // nothing held
    }
}
