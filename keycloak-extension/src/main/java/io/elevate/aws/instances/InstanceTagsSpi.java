package io.elevate.aws.instances;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code elevate-instances} SPI: the cache of instance tags ({@code --spi-elevate-instances--default--...}). */
public final class InstanceTagsSpi implements Spi {

    public static final String NAME = "elevate-instances";

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
        return InstanceTags.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return InstanceTagsFactory.class;
    }
}
