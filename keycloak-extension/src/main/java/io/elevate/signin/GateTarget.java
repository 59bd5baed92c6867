package io.elevate.signin;

import org.keycloak.models.ClientModel;

import java.util.Optional;

/**
 * What the gate guards for the client signing in: the AWS SAML client itself (its elevation mapper's settings), or an
 * OIDC client whose session tags mapper carries the windows of an AWS SAML client (the command line). A client with
 * neither mapper is not set up for Elevate.
 *
 * @param windowsClient the client whose windows count
 * @param endpoint      where that AWS client posts, and so its partition
 */
record GateTarget(ClientModel windowsClient, ElevationMapperConfig config, SignInEndpoint endpoint) {

    /** Reads the client's mappers once for the whole decision. */
    static Optional<GateTarget> of(ClientModel client) {
        Optional<GateTarget> saml = ElevationMapperConfig.mapperSettings(client).map(settings ->
                new GateTarget(client, ElevationMapperConfig.of(settings), SignInEndpoint.of(client, settings)));
        return saml.isPresent() ? saml : AwsSessionTagsMapper.gateSettings(client)
                .map(settings -> new GateTarget(settings.windowsClient(), settings.config(),
                        SignInEndpoint.of(settings.windowsClient())));
    }
}
