package io.elevate.window;

import org.keycloak.provider.ProviderFactory;

/** A factory of the {@code elevate-windows} SPI; registered in {@code META-INF/services} under this interface's name. */
public interface WindowStoresFactory extends ProviderFactory<WindowStores> {
}
