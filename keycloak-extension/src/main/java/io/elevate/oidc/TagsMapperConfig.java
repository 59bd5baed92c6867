package io.elevate.oidc;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;

/**
 * The settings of one {@code oidc-aws-session-tags-mapper}: whose windows (the AWS SAML client's, by default), numbered
 * mode and slots, transitive tags, and whether a window ending within 15 minutes may still be used.
 */
record TagsMapperConfig(String awsClient, boolean numbered, int maxSlots, boolean transitiveTags,
                        boolean allowShortWindows) {

    static final String AWS_CLIENT = "awsClient";
    static final String NUMBERED = "numberedMode";
    static final String MAX_SLOTS = "maxSlots";
    static final String TRANSITIVE_TAGS = "transitiveTags";
    static final String ALLOW_SHORT_WINDOWS = "allowShortWindows";
    static final String DEFAULT_AWS_CLIENT = "urn:amazon:webservices";

    /** How this mapper chooses windows without the gate: the rule of {@link io.elevate.login.SignInWindows}. */
    io.elevate.login.SignInWindows.Rule rule() {
        return new io.elevate.login.SignInWindows.Rule(allowShortWindows, numbered, numbered ? maxSlots : 1);
    }

    static TagsMapperConfig of(Map<String, String> config) {
        String client = config.get(AWS_CLIENT);
        int slots;
        try {
            slots = Math.max(1, Math.min(10, Integer.parseInt(config.getOrDefault(MAX_SLOTS, "3").trim())));
        } catch (NumberFormatException e) {
            slots = 3;
        }
        return new TagsMapperConfig(client == null || client.isBlank() ? DEFAULT_AWS_CLIENT : client.trim(),
                Boolean.parseBoolean(config.get(NUMBERED)), slots, Boolean.parseBoolean(config.get(TRANSITIVE_TAGS)),
                Boolean.parseBoolean(config.get(ALLOW_SHORT_WINDOWS)));
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(AWS_CLIENT).label("Windows of client").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DEFAULT_AWS_CLIENT)
                .helpText("Client id of the AWS SAML client whose elevation windows this token carries.").add()
                .property().name(NUMBERED).label("Numbered mode").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false").helpText("Carry several open windows of one role as Key, Key2 ... KeyN.").add()
                .property().name(MAX_SLOTS).label("Slots in numbered mode").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(3).add()
                .property().name(TRANSITIVE_TAGS).label("Transitive tags").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false").add()
                .property().name(ALLOW_SHORT_WINDOWS).label("Allow windows ending within 15 minutes")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build();
    }
}
