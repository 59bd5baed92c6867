package io.elevate.api;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Absolute links into the elevation portal, from the request's own base URL. */
public final class PortalLinks {

    private PortalLinks() {
    }

    public static String portal(KeycloakSession session, RealmModel realm) {
        if (session.getContext().getUri() == null) {
            return null;
        }
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path(ElevationApiProviderFactory.PROVIDER_ID).path("portal").build().toString();
    }
}
