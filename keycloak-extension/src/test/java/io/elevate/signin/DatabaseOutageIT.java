package io.elevate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.server.KeycloakCluster;
import io.elevate.testing.server.KeycloakCluster.Node;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The gate fails closed while Keycloak's database is down, and recovers by itself when it returns. Runs a Keycloak and
 * a PostgreSQL of its own ({@link KeycloakCluster} with one node), whatever {@code -Delevate.test.database} says,
 * since it stops the database.
 *
 * <p>Keycloak stores error events at once in that same database, so the {@code LOGIN_ERROR} event of a sign-in refused
 * for {@code store_unavailable} cannot be stored while the database is down: the gate logs it, and this test reads
 * the server log.
 */
@Tag(KeycloakCluster.TAG)
@DisplayName("While the database is down")
class DatabaseOutageIT {

    private static final String TAG = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";

    private static KeycloakCluster keycloak;
    private static Node node;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(KeycloakCluster.postgresInstalled(), "needs Debian's PostgreSQL binaries"
                + " (/usr/lib/postgresql/<version>/bin; sudo apt-get install postgresql) to stop and restart a database");
        keycloak = KeycloakCluster.start("outage-it", 1);
        node = keycloak.node("a");
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aSignInIsRefusedWithoutAnyAssertionAndSucceedsOnceTheDatabaseIsBackWithoutARestart() throws Exception {
        Elevations elevations = new Elevations(node.admin());
        String user = elevations.newUser("op");
        String first = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
        AwsSignIn aws = new AwsSignIn(node.baseUrl());
        expectSamlPost(aws.signIn(user, Elevations.PASSWORD));
        elevations.grant(Elevations.window(user, Duration.ofHours(3)));
        // In the SSO session, with two windows open, the gate asks which one: the database goes down meanwhile.
        Page picker = aws.again();
        assertThat(picker.hasText("Choose your elevation")).as(picker.text()).isTrue();

        keycloak.suspendDatabase();
        Page refusedByTheGate;
        Page refusedByKeycloak;
        try {
            refusedByTheGate = AwsSignIn.pick(picker, first);
            refusedByKeycloak = aws.again();
        } finally {
            keycloak.resumeDatabase();
        }

        expectNoAssertion(refusedByTheGate);
        assertThat(refusedByTheGate.status()).as(refusedByTheGate.text()).isEqualTo(503);
        assertThat(refusedByTheGate.text()).contains("Elevate cannot check your elevation right now")
                .contains("Try again");
        assertThat(Files.readString(node.keycloak().logFile()))
                .containsPattern("LOGIN_ERROR elevate_reason=store_unavailable realm=elevate-demo client=\\S+ user="
                        + user);
        // A new IdP-initiated sign-in fails in Keycloak itself (it looks the client up in the database) before the
        // gate runs: Keycloak's own error page, still no assertion.
        expectNoAssertion(refusedByKeycloak);
        assertThat(refusedByKeycloak.status()).isEqualTo(500);

        SamlPost next = expectSamlPost(AwsSignIn.pick(aws.again(), first));
        assertThat(SamlAttributes.of(next.response())).containsEntry(TAG + "ElevationId", List.of(first));
    }

    private static void expectNoAssertion(Page page) {
        assertThat(AwsSignIn.samlPost(page)).as("no SAML Response reaches AWS").isEmpty();
        assertThat(page.body()).doesNotContain("SAMLResponse").doesNotContain("PrincipalTag")
                .doesNotContain("Exception");
    }

    private static SamlPost expectSamlPost(Page page) {
        return AwsSignIn.samlPost(page).orElseThrow(() -> new AssertionError(
                "Expected the SAML POST to AWS, got " + page.status() + " " + page.url() + ": " + page.text()));
    }
}
