package io.elevate.window;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The elevation windows as one {@code KeycloakSession} sees them: {@code session.getProvider(WindowStores.class)}, or
 * {@link #of}. The sign-in path asks only this; the whole of Elevate's storage ({@code workflow.ElevationStore}) gives
 * the same windows through it. The default, {@link JpaWindowStoresFactory}, keeps them in Keycloak's own database; a
 * test or another extension may register its own {@link WindowStoresFactory} and choose it with
 * {@code --spi-elevate-windows--provider=<id>}.
 */
public interface WindowStores extends Provider {

    /** The elevation windows of the realm, in this session's transaction. */
    WindowStore windows(RealmModel realm);

    /**
     * The session's window store.
     *
     * @throws IllegalStateException when the server has no {@code elevate-windows} provider (fail closed)
     */
    static WindowStores of(KeycloakSession session) {
        WindowStores stores = session.getProvider(WindowStores.class);
        if (stores == null) {
            throw new IllegalStateException("no " + WindowStoresSpi.NAME + " provider is installed");
        }
        return stores;
    }
}
