package io.elevate.signin;

import io.elevate.aws.SessionDuration;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The settings of one {@code saml-aws-elevation-mapper}, read with safe defaults: the username for RoleSessionName
 * and SourceIdentity, a one-hour session at most, one window per sign-in, no transitive tags.
 */
public record ElevationMapperConfig(String roleSessionNameProperty, String sourceIdentityProperty,
                                    int maxSessionSeconds, boolean numbered, int maxSlots, boolean transitiveTags) {

    static final String ROLE_SESSION_NAME_PROPERTY = "roleSessionNameProperty";
    static final String SOURCE_IDENTITY_PROPERTY = "sourceIdentityProperty";
    static final String MAX_SESSION_SECONDS = "maxSessionSeconds";

    static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    public static ElevationMapperConfig of(Map<String, String> config) {
        TagSettings tags = TagSettings.of(config);
        return new ElevationMapperConfig(
                TagSettings.text(config, ROLE_SESSION_NAME_PROPERTY, UserProperty.USERNAME),
                TagSettings.text(config, SOURCE_IDENTITY_PROPERTY, UserProperty.USERNAME),
                SessionDuration.clamp(TagSettings.number(config, MAX_SESSION_SECONDS, DEFAULT_MAX_SESSION_SECONDS)),
                tags.numbered(), tags.maxSlots(), tags.transitiveTags());
    }

    /** The elevation mapper that applies to this client, directly or through one of its client scopes. */
    public static Optional<ElevationMapperConfig> forClient(ClientModel client) {
        Stream<ProtocolMapperModel> scoped = client.getClientScopes(true).values().stream()
                .flatMap(ClientScopeModel::getProtocolMappersStream);
        return Stream.concat(client.getProtocolMappersStream(), scoped)
                .filter(mapper -> AwsElevationSamlMapper.PROVIDER_ID.equals(mapper.getProtocolMapper()))
                .findFirst()
                .map(mapper -> of(mapper.getConfig()));
    }

    /** How many windows one sign-in may carry at once. */
    public int slots() {
        return new TagSettings(numbered, maxSlots, transitiveTags).slots();
    }

    static List<ProviderConfigProperty> properties() {
        return TagSettings.addProperties(ProviderConfigurationBuilder.create()
                .property().name(ROLE_SESSION_NAME_PROPERTY).label("RoleSessionName from")
                .helpText("User property for RoleSessionName: username, email, id, or the name of a user attribute. "
                        + "It must be 2 to 64 characters of letters, digits and _+=,.@- or the sign-in is refused.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(UserProperty.USERNAME).add()
                .property().name(SOURCE_IDENTITY_PROPERTY).label("SourceIdentity from")
                .helpText("User property for SourceIdentity, which CloudTrail records on every action of the session: "
                        + "username, email, id, or the name of a user attribute.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(UserProperty.USERNAME).add()
                .property().name(MAX_SESSION_SECONDS).label("Maximum session (seconds)")
                .helpText("Upper bound of SessionDuration (900 to 43200). The session also never outlives the "
                        + "window. Keep it at or below the role's maximum session duration.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_MAX_SESSION_SECONDS).add())
                .build();
    }
}
