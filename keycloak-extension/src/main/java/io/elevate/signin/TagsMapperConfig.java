package io.elevate.signin;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;

/**
 * The settings of one {@code oidc-aws-session-tags-mapper}: whose windows (the AWS SAML client's, by default), the
 * {@link TagSettings} it shares with the SAML mapper, and whether a window ending within 15 minutes may still be used.
 */
record TagsMapperConfig(String awsClient, boolean numbered, int maxSlots, boolean allowShortWindows) {

    static final String AWS_CLIENT = "awsClient";
    static final String ALLOW_SHORT_WINDOWS = "allowShortWindows";
    static final String DEFAULT_AWS_CLIENT = "urn:amazon:webservices";

    /** How this mapper chooses windows without the gate: the rule of {@link SignInWindows}. */
    SignInWindows.Rule rule() {
        return new SignInWindows.Rule(allowShortWindows, numbered, new TagSettings(numbered, maxSlots).slots());
    }

    static TagsMapperConfig of(Map<String, String> config) {
        TagSettings tags = TagSettings.of(config);
        return new TagsMapperConfig(TagSettings.text(config, AWS_CLIENT, DEFAULT_AWS_CLIENT),
                tags.numbered(), tags.maxSlots(),
                Boolean.parseBoolean(config.get(ALLOW_SHORT_WINDOWS)));
    }

    static List<ProviderConfigProperty> properties() {
        return TagSettings.addProperties(ProviderConfigurationBuilder.create()
                        .property().name(AWS_CLIENT).label("Windows of client").type(ProviderConfigProperty.STRING_TYPE)
                        .defaultValue(DEFAULT_AWS_CLIENT)
                        .helpText("Client id of the AWS SAML client whose elevation windows this token carries.").add())
                .property().name(ALLOW_SHORT_WINDOWS).label("Allow windows ending within 15 minutes")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build();
    }
}
