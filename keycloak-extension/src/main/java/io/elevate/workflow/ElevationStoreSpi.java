package io.elevate.workflow;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code elevate-store} SPI: where Elevate keeps windows, audit rows, policies and outboxes; see {@link ElevationStore}. */
public final class ElevationStoreSpi implements Spi {

    public static final String NAME = "elevate-store";

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
        return ElevationStore.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ElevationStoreFactory.class;
    }
}
