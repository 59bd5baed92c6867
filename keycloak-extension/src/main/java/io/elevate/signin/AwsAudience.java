package io.elevate.signin;

import io.elevate.AwsPartition;

import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AudienceRestrictionType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The elevation mapper's optional SAML audience: Keycloak names the client's id as the assertion's audience, and a
 * realm has one client per id, so a second AWS client of a partition (one with encrypted assertions, say) has another
 * id. With the setting, its assertions name only AWS's audience ({@code urn:amazon:webservices}, or that of GovCloud or
 * China), as AWS expects.
 */
final class AwsAudience {

    static final String SETTING = "samlAudience";

    private AwsAudience() {
    }

    /** The configured audience, if any (blank is none). */
    static Optional<String> configured(Map<String, String> config) {
        String value = config == null ? null : config.get(SETTING);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Why a configured audience is refused, if it is. */
    static Optional<String> problem(Map<String, String> config) {
        return configured(config).filter(a -> Arrays.stream(AwsPartition.values()).noneMatch(p -> p.samlAudience().equals(a)))
                .map(a -> "SAML audience " + a + " is not one of AWS's: " + Arrays.stream(AwsPartition.values())
                        .map(AwsPartition::samlAudience).toList());
    }

    /** Every audience restriction of the response's assertions names exactly {@code audience}. */
    static ResponseType restrict(ResponseType response, String audience) {
        for (ResponseType.RTChoiceType choice : response.getAssertions()) {
            AssertionType assertion = choice.getAssertion();
            if (assertion == null || assertion.getConditions() == null) {
                continue;
            }
            assertion.getConditions().getConditions().stream()
                    .filter(AudienceRestrictionType.class::isInstance)
                    .map(AudienceRestrictionType.class::cast)
                    .forEach(restriction -> {
                        List.copyOf(restriction.getAudience()).forEach(restriction::removeAudience);
                        restriction.addAudience(URI.create(audience));
                    });
        }
        return response;
    }
}
