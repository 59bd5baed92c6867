package io.elevate.chat;

import io.elevate.Elevate;
import io.elevate.ServerClock;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.Map;

/** Mounts Slack's interactivity endpoint at {@code /realms/{realm}/elevation-slack/interactions}. */
public final class SlackInteractionsProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "elevation-slack";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new SlackInteractions(session, session.getContext().getRealm(), ServerClock.UTC);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", Elevate.version());
    }

    @Override
    public void init(Config.Scope config) {
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
}
