package io.elevate.aws.client;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code elevate-aws} SPI: where the server's AWS settings ({@code --spi-elevate-aws--default--...}) live. */
public final class ElevateAwsSpi implements Spi {

    public static final String NAME = "elevate-aws";

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
        return ElevateAws.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ElevateAwsFactory.class;
    }
}
