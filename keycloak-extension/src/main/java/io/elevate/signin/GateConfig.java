package io.elevate.signin;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;

/**
 * The settings of one gate execution, with safe defaults: windows that end within 15 minutes are refused, and a
 * caller's RelayState must point at a commercial-partition AWS console host.
 */
record GateConfig(boolean allowShortWindows, RelayStatePolicy relayStatePolicy) {

    static final String ALLOW_SHORT_WINDOWS = "allowShortWindows";
    static final String ALLOWED_RELAY_STATE_HOSTS = "allowedRelayStateHosts";

    static GateConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String hosts = config.get(ALLOWED_RELAY_STATE_HOSTS);
        List<String> allowed = hosts == null || hosts.isBlank() ? RelayStatePolicy.COMMERCIAL_CONSOLE_HOSTS
                : List.of(hosts.split(Constants.CFG_DELIMITER));
        return new GateConfig(Boolean.parseBoolean(config.get(ALLOW_SHORT_WINDOWS)), new RelayStatePolicy(allowed));
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ALLOW_SHORT_WINDOWS).label("Allow windows ending within 15 minutes")
                .helpText("AWS's shortest session is 900 seconds, so a window with less time left would be outlived by "
                        + "its session. Off (default): such a sign-in is refused. On: it is allowed with a 900-second "
                        + "session.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(ALLOWED_RELAY_STATE_HOSTS).label("Allowed RelayState hosts")
                .helpText("Hosts a caller-given RelayState may point at (https only). Exact host or *.suffix. "
                        + "Empty: the AWS console hosts of the commercial partition.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .defaultValue(String.join(Constants.CFG_DELIMITER,
                        RelayStatePolicy.COMMERCIAL_CONSOLE_HOSTS)).add()
                .build();
    }
}
