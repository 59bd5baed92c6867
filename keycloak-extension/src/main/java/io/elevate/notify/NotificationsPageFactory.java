package io.elevate.notify;

import io.elevate.validation.Violation;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProviderFactory;
import org.keycloak.urls.UrlType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * "Elevate notifications" in the admin console (declarative UI): a realm's SNS topic, webhook URL and webhook signing
 * key, and its Slack and Teams settings ({@link ChatSettings}), one entry per realm. Every save is validated; a save
 * without a signing key generates one (EC P-256), and a save without an issuer fills in the realm's public URL. The
 * key is a secret property: the admin REST API and the console show it masked, a realm export carries it (like the
 * realm's own keys).
 */
public final class NotificationsPageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String PROVIDER_ID = "elevate-notifications";

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        NotificationSettings.Result result = NotificationSettings.read(model.getConfig());
        List<Violation> violations = new ArrayList<>(result.violations());
        boolean another = RealmNotifications.components(realm).anyMatch(c -> !c.getId().equals(model.getId()));
        if (another) {
            violations.add(Violation.of("name", "this realm already has its notification settings; edit those"));
        }
        if (!violations.isEmpty()) {
            throw new ComponentValidationException(violations.stream()
                    .map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        }
        if (result.settings().signingKey() == null) {
            model.put(NotificationSettings.SIGNING_KEY, SigningKey.generate().toPrivateJson());
        }
        if (result.settings().issuer() == null) {
            String issuer = realmUrl(session, realm);
            if (issuer != null) {
                model.put(NotificationSettings.ISSUER, issuer);
            }
        }
    }

    /** The realm's public URL as the request at hand names it, or null without a request (an import at start-up). */
    static String realmUrl(KeycloakSession session, RealmModel realm) {
        try {
            return session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder().path("realms")
                    .path(realm.getName()).build().toString();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Elevate: send elevation notices to Amazon SNS, a signed webhook, Slack (with Approve and Reject"
                + " buttons) and Microsoft Teams, besides email.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return NotificationSettings.allProperties();
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
}
