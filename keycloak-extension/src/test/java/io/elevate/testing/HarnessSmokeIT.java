package io.elevate.testing;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

import io.elevate.testing.saml.SamlVerifier;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself works: Keycloak starts with the demo realm imported and publishes its SAML signing key. */
@ExtendWith(KeycloakServer.class)
class HarnessSmokeIT {

    @Test
    void importsTheDemoRealm(AdminApi admin) {
        assertThat(admin.get(DEMO_REALM).expectStatus(200).body().path("realm").asText()).isEqualTo(DEMO_REALM);
    }

    @Test
    void publishesASamlSigningCertificate(KeycloakServer server) {
        SamlVerifier verifier = SamlVerifier.forRealm(server.baseUrl(), DEMO_REALM);

        assertThat(verifier.signingCertificates()).isNotEmpty();
    }
}
