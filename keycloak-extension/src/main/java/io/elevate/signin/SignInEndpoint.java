package io.elevate.signin;

import io.elevate.AwsPartition;

import org.keycloak.models.ClientModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an AWS SAML client posts its assertion, and so which partition it signs in to: Keycloak's "Assertion Consumer
 * Service POST Binding URL" of the client (the Destination and Recipient of the response), when it is an AWS sign-in
 * endpoint ({@link AwsPartition#ofSamlEndpoint}); otherwise the partition whose SAML audience is the client's (the mapper's audience setting, else the client's id); otherwise
 * the commercial partition.
 *
 * @param consumerUrl the client's consumer URL, or null when it has none
 */
record SignInEndpoint(String consumerUrl, AwsPartition partition) {

    /** Keycloak's client attribute for the POST binding consumer URL. */
    static final String ACS_POST = "saml_assertion_consumer_url_post";

    static SignInEndpoint of(ClientModel client) {
        return of(client, ElevationMapperConfig.mapperSettings(client).orElse(Map.of()));
    }

    /** The endpoint of a client whose elevation mapper settings the caller has already read. */
    static SignInEndpoint of(ClientModel client, Map<String, String> mapperSettings) {
        String url = client.getAttribute(ACS_POST);
        String audience = AwsAudience.configured(mapperSettings).orElse(client.getClientId());
        return new SignInEndpoint(url, partition(url, audience));
    }

    /** An endpoint of this partition whose consumer URL is not known (unit tests, OIDC-only checks). */
    static SignInEndpoint of(AwsPartition partition) {
        return new SignInEndpoint(null, partition);
    }

    /**
     * Why AWS would refuse what the client posts: a mapper endpoint that is no AWS endpoint, or a consumer URL that is
     * an AWS sign-in endpoint the mapper does not list (the trust policy's {@code SAML:aud} would not match it).
     */
    List<String> problems(ElevationMapperConfig config) {
        List<String> problems = new ArrayList<>(config.endpointProblems());
        if (consumerUrl != null && AwsPartition.ofSamlEndpoint(consumerUrl).isPresent()
                && !config.signInEndpoints(partition).contains(consumerUrl)) {
            problems.add("the client posts to " + consumerUrl + ", which is not one of its sign-in endpoints "
                    + config.signInEndpoints(partition) + " that the trust policies accept");
        }
        return problems;
    }

    static AwsPartition partition(String consumerUrl, String clientId) {
        Optional<AwsPartition> byEndpoint = consumerUrl == null ? Optional.empty()
                : AwsPartition.ofSamlEndpoint(consumerUrl);
        return byEndpoint.orElseGet(() -> Arrays.stream(AwsPartition.values())
                .filter(p -> p.samlAudience().equals(clientId)).findFirst().orElse(AwsPartition.AWS));
    }
}
