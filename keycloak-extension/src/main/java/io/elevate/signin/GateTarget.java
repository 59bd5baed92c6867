package io.elevate.signin;

import org.keycloak.models.ClientModel;

import java.util.Optional;

/**
 * What the gate guards for the client signing in: the AWS SAML client itself (its elevation mapper's settings), or an
 * OIDC client whose session tags mapper carries the windows of an AWS SAML client (the command line). A client with
 * neither mapper is not set up for Elevate.
 *
 * @param windowsClient the client whose windows count
 */
record GateTarget(ClientModel windowsClient, ElevationMapperConfig config) {

    static Optional<GateTarget> of(ClientModel client) {
        Optional<GateTarget> saml = ElevationMapperConfig.forClient(client).map(config -> new GateTarget(client, config));
        return saml.isPresent() ? saml : AwsSessionTagsMapper.gateSettings(client)
                .map(settings -> new GateTarget(settings.windowsClient(), settings.config()));
    }
}
