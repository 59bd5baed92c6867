package io.elevate.workflow;

import org.keycloak.provider.ProviderFactory;

/** A factory of the {@code elevate-store} SPI; registered in {@code META-INF/services} under this interface's name. */
public interface ElevationStoreFactory extends ProviderFactory<ElevationStore> {
}
