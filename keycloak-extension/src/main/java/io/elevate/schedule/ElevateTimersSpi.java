package io.elevate.schedule;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The {@code elevate-timers} SPI: hosts Elevate's periodic work and its settings
 * ({@code --spi-elevate-timers--default--...}); see {@link ElevationTimersFactory}.
 */
public final class ElevateTimersSpi implements Spi {

    public static final String NAME = "elevate-timers";

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
        return ElevateTimers.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ElevationTimersFactory.class;
    }
}
