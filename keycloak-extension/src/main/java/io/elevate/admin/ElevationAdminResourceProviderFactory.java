package io.elevate.admin;

import io.elevate.ServerClock;
import io.elevate.Elevate;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Mounts {@link ElevationAdminResource} at {@code /admin/realms/{realm}/elevation}. Server setting:
 * {@code --spi-admin-realm-restapi-extension--elevation--max-window-minutes} (default 1440, one day).
 */
public final class ElevationAdminResourceProviderFactory
        implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "elevation";
    static final String MAX_WINDOW_MINUTES = "maxWindowMinutes";
    static final int DEFAULT_MAX_WINDOW_MINUTES = 24 * 60;

    private final Clock clock = ServerClock.UTC;
    private Duration maxWindow = Duration.ofMinutes(DEFAULT_MAX_WINDOW_MINUTES);

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new ElevationAdminResource(session, realm, auth, adminEvent, maxWindow, clock);
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
        int minutes = config.getInt(MAX_WINDOW_MINUTES, DEFAULT_MAX_WINDOW_MINUTES);
        if (minutes < 1) {
            throw new IllegalArgumentException(MAX_WINDOW_MINUTES + " must be at least 1, not " + minutes);
        }
        maxWindow = Duration.ofMinutes(minutes);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_WINDOW_MINUTES).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Longest elevation window an admin may grant, in minutes.")
                .defaultValue(DEFAULT_MAX_WINDOW_MINUTES).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", Elevate.version(), "maxWindowMinutes", Long.toString(maxWindow.toMinutes()));
    }
}
