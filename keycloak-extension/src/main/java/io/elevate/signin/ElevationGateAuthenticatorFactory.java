package io.elevate.signin;

import io.elevate.ServerClock;
import io.elevate.Elevate;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Registers the {@code aws-elevation-gate} authenticator. */
public final class ElevationGateAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "aws-elevation-gate";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.DISABLED,
    };

    private final Clock clock = ServerClock.UTC;

    @Override
    public Authenticator create(KeycloakSession session) {
        return new ElevationGateAuthenticator(clock);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "AWS elevation gate (Elevate)";
    }

    @Override
    public String getReferenceCategory() {
        return "elevation";
    }

    @Override
    public String getHelpText() {
        return "Lets a user sign in to the AWS client only inside an approved elevation window, lets them pick when "
                + "several are open, and sets the Session Manager deep link. Place it after authentication and MFA.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return GateConfig.properties();
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
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
}
