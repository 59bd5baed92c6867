package io.elevate.window;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code elevate-windows} SPI: where the elevation windows are kept; see {@link WindowStores}. */
public final class WindowStoresSpi implements Spi {

    public static final String NAME = "elevate-windows";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return WindowStores.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WindowStoresFactory.class;
    }
}
