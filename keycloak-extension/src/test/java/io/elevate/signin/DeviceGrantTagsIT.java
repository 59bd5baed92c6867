package io.elevate.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elevate.testing.Elevations;
import io.elevate.testing.TestHttp;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's sign-in: the OAuth 2.0 device authorization grant of the {@code elevate-cli} client, approved in a
 * browser as the user would, and the session tags claim AWS reads in {@code AssumeRoleWithWebIdentity}.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("Session tags in OIDC tokens")
class DeviceGrantTagsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAIM = "https://aws.amazon.com/tags";
    /** The demo realm's flow with the aws-elevation-gate ("elevate aws browser"). */
    private static final String GATE_FLOW_ID = "7d2c1f0e-5b6a-4c8e-9f3a-2e1d0c9b8a71";

    private final HttpClient http = TestHttp.client();
    private KeycloakServer server;
    private Elevations elevations;
    private String user;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.user = elevations.newUser("cli");
    }

    @Test
    void insideAWindowTheTokenCarriesTheTagsInAwsShapeAndEndsWithTheWindow() throws Exception {
        Map<String, Object> window = Elevations.window(user, Duration.ofMinutes(40));
        String id = elevations.grant(window);
        Instant endsAt = Instant.parse((String) window.get("endsAt"));

        JsonNode claims = accessTokenClaims(deviceGrant());

        JsonNode tags = claims.path(CLAIM);
        assertThat(fieldNames(tags)).containsExactly("principal_tags");
        JsonNode principalTags = tags.path("principal_tags");
        assertThat(fieldNames(principalTags)).containsExactly("AppGroupName", "AppId", "ReleaseId", "ElevationId");
        principalTags.forEach(values -> assertThat(values.isArray() && values.size() == 1).isTrue());
        assertThat(principalTags.path("AppId").get(0).asText()).isEqualTo("ABC");
        assertThat(principalTags.path("ElevationId").get(0).asText()).isEqualTo(id);
        assertThat(claims.path("exp").asLong()).isLessThanOrEqualTo(endsAt.getEpochSecond());
    }

    @Test
    void outsideAWindowTheTokenHasNoTagsClaim() throws Exception {
        JsonNode claims = accessTokenClaims(deviceGrant());

        assertThat(claims.has(CLAIM)).isFalse();
        assertThat(claims.path("preferred_username").asText()).isEqualTo(user);
    }

    @Test
    void aClientGuardedByTheGateRefusesTheTokenOutsideAWindow(AdminApi admin) throws Exception {
        String strict = "elevate-cli-strict-" + user;
        admin.post(DEMO_REALM + "/clients", Map.of("clientId", strict, "publicClient", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false, "consentRequired", false,
                "attributes", Map.of("oauth2.device.authorization.grant.enabled", "true"),
                "authenticationFlowBindingOverrides", Map.of("browser", GATE_FLOW_ID),
                "protocolMappers", List.of(Map.of("name", "aws session tags", "protocol", "openid-connect",
                        "protocolMapper", "oidc-aws-session-tags-mapper",
                        "config", Map.of("awsClient", "urn:amazon:webservices", "access.token.claim", "true")))))
                .expectStatus(201);
        String oidc = server.realmUrl(DEMO_REALM) + "/protocol/openid-connect";

        JsonNode device = post(oidc + "/auth/device", "client_id=" + strict);
        Page denied = new Browser().open(device.path("verification_uri_complete").asText())
                .submit("#kc-form-login", Map.of("username", user, "password", Elevations.PASSWORD));
        HttpResponse<String> token = send(oidc + "/token", "grant_type=urn:ietf:params:oauth:grant-type:device_code"
                + "&client_id=" + strict + "&device_code=" + device.path("device_code").asText());

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.text()).contains("no approved elevation");
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(token.body()).path("error").asText()).isEqualTo("access_denied");

        elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        JsonNode inside = post(oidc + "/auth/device", "client_id=" + strict);
        Page consent = new Browser().open(inside.path("verification_uri_complete").asText())
                .submit("#kc-form-login", Map.of("username", user, "password", Elevations.PASSWORD));
        assertThat(consent.submit("#kc-oauth form", Map.of("accept", "Yes")).text()).containsIgnoringCase("device");
        JsonNode claims = accessTokenClaims(post(oidc + "/token", "grant_type=urn:ietf:params:oauth:grant-type:device_code"
                + "&client_id=" + strict + "&device_code=" + inside.path("device_code").asText()));
        assertThat(claims.path(CLAIM).path("principal_tags").path("AppId").get(0).asText()).isEqualTo("ABC");
    }

    @Test
    void aRefreshedTokenHasNoTagsOnceTheWindowIsRevoked() throws Exception {
        String id = elevations.grant(Elevations.window(user, Duration.ofHours(1)));
        JsonNode tokens = deviceGrant();
        assertThat(accessTokenClaims(tokens).path(CLAIM).path("principal_tags").path("ElevationId").get(0).asText())
                .isEqualTo(id);

        elevations.revoke(id, "revoked while the CLI is signed in").expectStatus(200);
        JsonNode refreshed = post(server.realmUrl(DEMO_REALM) + "/protocol/openid-connect/token",
                "grant_type=refresh_token&client_id=elevate-cli&refresh_token=" + tokens.path("refresh_token").asText());

        assertThat(accessTokenClaims(refreshed).has(CLAIM)).isFalse();
        assertThat(accessTokenClaims(refreshed).path("preferred_username").asText()).isEqualTo(user);
    }

    @Test
    void theCliAccessTokenLivesFiveMinutesAtMostSoARevokedWindowsTagsDoNotOutliveItLonger() throws Exception {
        elevations.grant(Elevations.window(user, Duration.ofHours(8)));

        JsonNode tokens = deviceGrant();
        JsonNode claims = accessTokenClaims(tokens);

        assertThat(tokens.path("expires_in").asLong()).isBetween(1L, 300L);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(300L);
    }

    @Test
    void aTokenForWindowsTheGateChoseHasNoTagsWhenOneOfThemWasRevokedBeforeItWasIssued(AdminApi admin)
            throws Exception {
        String strict = "elevate-cli-numbered-" + user;
        admin.post(DEMO_REALM + "/clients", Map.of("clientId", strict, "publicClient", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false, "consentRequired", false,
                "attributes", Map.of("oauth2.device.authorization.grant.enabled", "true"),
                "authenticationFlowBindingOverrides", Map.of("browser", GATE_FLOW_ID),
                "protocolMappers", List.of(Map.of("name", "aws session tags", "protocol", "openid-connect",
                        "protocolMapper", "oidc-aws-session-tags-mapper",
                        "config", Map.of("awsClient", "urn:amazon:webservices", "numberedMode", "true",
                                "access.token.claim", "true")))))
                .expectStatus(201);
        String first = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
        String second = elevations.grant(Elevations.window(user, Duration.ofHours(3)));
        String oidc = server.realmUrl(DEMO_REALM) + "/protocol/openid-connect";

        JsonNode device = post(oidc + "/auth/device", "client_id=" + strict);
        Page picker = new Browser().open(device.path("verification_uri_complete").asText())
                .submit("#kc-form-login", Map.of("username", user, "password", Elevations.PASSWORD));
        assertThat(picker.text()).contains("Choose your elevation");
        Page consent = picker.submit("#elevate-pick", Map.of("window", "all"));
        assertThat(consent.submit("#kc-oauth form", Map.of("accept", "Yes")).text()).containsIgnoringCase("device");
        elevations.revoke(second, "revoked before the token was fetched").expectStatus(200);
        HttpResponse<String> token = send(oidc + "/token", "grant_type=urn:ietf:params:oauth:grant-type:device_code"
                + "&client_id=" + strict + "&device_code=" + device.path("device_code").asText());

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode claims = accessTokenClaims(JSON.readTree(token.body()));
        assertThat(claims.has(CLAIM)).as("no tags claim, not even for the window still open (" + first + ")")
                .isFalse();
        assertThat(claims.path("preferred_username").asText()).isEqualTo(user);
    }

    /** Starts the device grant, approves the user code in a browser signed in as the user, and polls for the token. */
    private JsonNode deviceGrant() throws Exception {
        String oidc = server.realmUrl(DEMO_REALM) + "/protocol/openid-connect";
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.UUID.randomUUID().toString().repeat(2).getBytes(StandardCharsets.US_ASCII));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        JsonNode device = post(oidc + "/auth/device", "client_id=elevate-cli&code_challenge_method=S256&code_challenge="
                + challenge);
        assertThat(device.path("user_code").asText()).isNotBlank();

        Page login = new Browser().open(device.path("verification_uri_complete").asText());
        Page consent = login.submit("#kc-form-login", Map.of("username", user, "password", Elevations.PASSWORD));
        assertThat(consent.text()).contains("Grant Access to Elevate command line");
        Page done = consent.submit("#kc-oauth form", Map.of("accept", "Yes"));
        assertThat(done.text()).containsIgnoringCase("device");

        return post(oidc + "/token", "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=elevate-cli"
                + "&device_code=" + device.path("device_code").asText() + "&code_verifier=" + verifier);
    }

    private JsonNode post(String url, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = send(url, form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String url, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode accessTokenClaims(JsonNode tokenResponse) throws IOException {
        String[] parts = tokenResponse.path("access_token").asText().split("\\.");
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
