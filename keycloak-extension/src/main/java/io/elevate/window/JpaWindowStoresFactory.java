package io.elevate.window;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The default {@code elevate-windows} provider: the windows in Keycloak's own database, through its JPA connection. */
public final class JpaWindowStoresFactory implements WindowStoresFactory {

    public static final String PROVIDER_ID = "default";

    @Override
    public WindowStores create(KeycloakSession session) {
        return new WindowStores() {
            @Override
            public WindowStore windows(org.keycloak.models.RealmModel realm) {
                return new WindowStore(session, realm);
            }

            @Override
            public void close() {
            }
        };
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
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
        // nothing held
    }
}
