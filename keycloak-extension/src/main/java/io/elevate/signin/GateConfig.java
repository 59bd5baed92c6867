package io.elevate.signin;

import io.elevate.AwsPartition;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one gate execution, with safe defaults: windows that end within 15 minutes are refused, and a
 * caller's RelayState must point at an AWS console host of the partition the client signs in to.
 */
record GateConfig(boolean allowShortWindows, RelayStatePolicy relayStatePolicy) {

    static final String ALLOW_SHORT_WINDOWS = "allowShortWindows";
    static final String ALLOWED_RELAY_STATE_HOSTS = "allowedRelayStateHosts";

    /**
     * The settings for a sign-in of the target's client: without a host list, the console hosts of its partition (the
     * commercial one for a client not set up for Elevate, which the gate refuses anyway).
     */
    static GateConfig of(AuthenticatorConfigModel model, Optional<GateTarget> target) {
        return of(model, target.map(t -> t.endpoint().partition()).orElse(AwsPartition.AWS));
    }

    static GateConfig of(AuthenticatorConfigModel model, AwsPartition partition) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String hosts = config.get(ALLOWED_RELAY_STATE_HOSTS);
        List<String> allowed = hosts == null || hosts.isBlank() ? partition.consoleHosts()
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
                        + "Empty (default): the AWS console hosts of the partition the client signs in to "
                        + "(console.aws.amazon.com, console.amazonaws-us-gov.com or console.amazonaws.cn, and their "
                        + "subdomains).")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .build();
    }
}
