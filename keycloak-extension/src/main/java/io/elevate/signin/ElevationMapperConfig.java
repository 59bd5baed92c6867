package io.elevate.signin;

import io.elevate.AwsPartition;
import io.elevate.aws.SessionDuration;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The settings of one {@code saml-aws-elevation-mapper}, read with safe defaults: the username for RoleSessionName
 * and SourceIdentity, a one-hour session at most, one window per sign-in, the global sign-in
 * endpoint of the client's partition.
 */
public record ElevationMapperConfig(String roleSessionNameProperty, String sourceIdentityProperty,
                                    int maxSessionSeconds, boolean numbered, int maxSlots,
                                    List<String> signInEndpoints) {

    static final String ROLE_SESSION_NAME_PROPERTY = "roleSessionNameProperty";
    static final String SOURCE_IDENTITY_PROPERTY = "sourceIdentityProperty";
    static final String MAX_SESSION_SECONDS = "maxSessionSeconds";
    static final String SIGN_IN_ENDPOINTS = "signInEndpoints";

    static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    public static ElevationMapperConfig of(Map<String, String> config) {
        TagSettings tags = TagSettings.of(config);
        return new ElevationMapperConfig(
                TagSettings.text(config, ROLE_SESSION_NAME_PROPERTY, UserProperty.USERNAME),
                TagSettings.text(config, SOURCE_IDENTITY_PROPERTY, UserProperty.USERNAME),
                SessionDuration.clamp(TagSettings.number(config, MAX_SESSION_SECONDS, DEFAULT_MAX_SESSION_SECONDS)),
                tags.numbered(), tags.maxSlots(), list(config.get(SIGN_IN_ENDPOINTS)));
    }

    public ElevationMapperConfig {
        signInEndpoints = List.copyOf(signInEndpoints);
    }

    /**
     * The AWS SAML sign-in endpoints this client may post to, and so the {@code SAML:aud} values the role's trust
     * policy lists: the configured ones, or the partition's global endpoint when none is configured.
     */
    public List<String> signInEndpoints(AwsPartition partition) {
        return signInEndpoints.isEmpty() ? List.of(partition.samlEndpoint()) : signInEndpoints;
    }

    /** Every configured endpoint that is not an AWS SAML sign-in endpoint, with the reason. */
    public List<String> endpointProblems() {
        List<String> problems = new ArrayList<>();
        signInEndpoints.stream().filter(url -> AwsPartition.ofSamlEndpoint(url).isEmpty())
                .forEach(url -> problems.add("sign-in endpoint " + url + " is not an AWS SAML sign-in endpoint "
                        + "(https://[<region>.]signin.<partition host>/saml[/acs/<IdP-ID>])"));
        if (signInEndpoints.stream().map(AwsPartition::ofSamlEndpoint).flatMap(Optional::stream).distinct().count() > 1) {
            problems.add("sign-in endpoints " + signInEndpoints + " are in more than one partition");
        }
        return problems;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(Constants.CFG_DELIMITER)).map(String::trim).filter(v -> !v.isEmpty())
                .distinct().toList();
    }

    /** The elevation mapper that applies to this client, directly or through one of its client scopes. */
    public static Optional<ElevationMapperConfig> forClient(ClientModel client) {
        return mapperSettings(client).map(ElevationMapperConfig::of);
    }

    /** The raw settings of the elevation mapper that applies to this client, if any. */
    static Optional<Map<String, String>> mapperSettings(ClientModel client) {
        Stream<ProtocolMapperModel> scoped = client.getClientScopes(true).values().stream()
                .flatMap(ClientScopeModel::getProtocolMappersStream);
        return Stream.concat(client.getProtocolMappersStream(), scoped)
                .filter(mapper -> AwsElevationSamlMapper.PROVIDER_ID.equals(mapper.getProtocolMapper()))
                .findFirst()
                .map(mapper -> mapper.getConfig() == null ? Map.<String, String>of() : mapper.getConfig());
    }

    /** How many windows one sign-in may carry at once. */
    public int slots() {
        return new TagSettings(numbered, maxSlots).slots();
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
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_MAX_SESSION_SECONDS).add()
                .property().name(SIGN_IN_ENDPOINTS).label("AWS sign-in endpoints")
                .helpText("Every AWS SAML sign-in endpoint this client may post to: the global one "
                        + "(https://signin.aws.amazon.com/saml) and the regional ones kept for failover "
                        + "(https://<region>.signin.aws.amazon.com/saml). The generated trust policies list them all "
                        + "in SAML:aud, and the client's Assertion Consumer Service POST Binding URL must be one of "
                        + "them, or the sign-in is refused. Empty: the global endpoint of the client's partition.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(AwsAudience.SETTING).label("SAML audience")
                .helpText("The audience AWS expects (urn:amazon:webservices, urn:amazon:webservices:govcloud or "
                        + "urn:amazon:webservices:cn-north-1), for an AWS client whose id is another: a second AWS client of "
                        + "the same partition, e.g. one with encrypted assertions. The assertion then names only this "
                        + "audience. Empty (default): the client's id, as Keycloak does.")
                .type(ProviderConfigProperty.STRING_TYPE).add())
                .build();
    }
}
