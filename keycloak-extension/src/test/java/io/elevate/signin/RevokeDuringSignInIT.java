package io.elevate.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.TestHttp;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensaml.saml.saml2.core.Response;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-ins in flight while an admin revokes the window they carry. Concurrent sign-ins (a bounded number, on loopback:
 * SAML sign-ins in existing SSO sessions, refreshes of an OIDC token) race one revoke: each sign-in's request start is
 * recorded, and so is the moment the revoke's 200 arrived. No
 * assertion or token of a request that started after that moment carries the window, and no assertion carrying it was
 * built after that moment: the mappers read the chosen window again just before writing, so a sign-in whose gate saw
 * the window before the revoke gets an assertion without any AWS attribute rather than the window.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("A revoke racing sign-ins in flight")
class RevokeDuringSignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS = "https://aws.amazon.com/SAML/Attributes/";
    private static final String ELEVATION_ID = AWS + "PrincipalTag:ElevationId";
    private static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    private static final int SIGN_INS = 32;
    private static final int IN_FLIGHT = 8;
    private static final int CARRIED_BEFORE_REVOKE = 3;
    /** Sign-ins held back until the revoke answered (the others race it). */
    private static final int AFTER_REVOKE = 4;

    private KeycloakServer server;
    private AdminApi admin;
    private Elevations elevations;
    private String user;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.user = elevations.newUser("race");
    }

    /** One sign-in: when its request started, and what came back. */
    private record Outcome<T>(Instant started, T result) {
    }

    @Test
    void noSamlAssertionBuiltAfterTheRevokeAnsweredCarriesTheWindow() throws Exception {
        String windowId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
        // Each browser signs in once, one after the other (Keycloak's brute-force protection refuses concurrent
        // password logins of one user); the race is then each browser's next sign-in in its own SSO session.
        List<AwsSignIn> browsers = new ArrayList<>();
        for (int i = 0; i < SIGN_INS; i++) {
            AwsSignIn browser = new AwsSignIn(server.baseUrl());
            assertThat(elevationIds(browser.signIn(user, Elevations.PASSWORD))).containsExactly(windowId);
            browsers.add(browser);
        }

        Race<Page> race = race(windowId, browsers.stream().<java.util.concurrent.Callable<Page>>map(browser ->
                browser::again).toList(), page -> elevationIds(page).contains(windowId));

        for (Outcome<Page> outcome : race.outcomes()) {
            Page page = outcome.result();
            Optional<SamlPost> post = AwsSignIn.samlPost(page);
            if (post.isEmpty()) {
                assertThat(page.status()).as("a sign-in without an assertion is refused: " + page.text())
                        .isEqualTo(403);
                continue;
            }
            Response response = post.get().response();
            Map<String, List<String>> attributes = SamlAttributes.of(response);
            Instant built = response.getAssertions().get(0).getIssueInstant();
            if (attributes.containsKey(ELEVATION_ID)) {
                assertThat(outcome.started()).as("a sign-in that started after the revoke's answer carries the window")
                        .isBefore(race.revokeAnswered());
                assertThat(built).as("an assertion carrying the window was built after the revoke's answer")
                        .isBefore(race.revokeAnswered());
            } else {
                assertThat(attributes.keySet()).as("an assertion without the window carries no AWS attribute at all")
                        .noneMatch(name -> name.startsWith(AWS));
            }
        }
        assertThat(race.outcomes().stream().filter(o -> !o.started().isBefore(race.revokeAnswered())))
                .as("sign-ins that started after the revoke's answer").isNotEmpty()
                .allSatisfy(o -> assertThat(elevationIds(o.result())).doesNotContain(windowId));
    }

    @Test
    void noOidcTokenIssuedAfterTheRevokeAnsweredCarriesTheWindow() throws Exception {
        String windowId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
        String client = "elevate-race-" + user;
        admin.post(DEMO_REALM + "/clients", Map.of("clientId", client, "publicClient", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", true, "consentRequired", false,
                "protocolMappers", List.of(Map.of("name", "aws session tags", "protocol", "openid-connect",
                        "protocolMapper", "oidc-aws-session-tags-mapper",
                        "config", Map.of("awsClient", "urn:amazon:webservices", "numberedMode", "true",
                                "access.token.claim", "true")))))
                .expectStatus(201);
        String tokenEndpoint = server.realmUrl(DEMO_REALM) + "/protocol/openid-connect/token";
        HttpClient http = TestHttp.client();
        // One password sign-in (Keycloak's brute-force protection may refuse a burst of password grants of one
        // user); the race is the refreshes of its refresh token, each of which issues a new access token.
        HttpResponse<String> first = http.send(form(tokenEndpoint, "grant_type=password&client_id=" + client
                + "&username=" + user + "&password=" + Elevations.PASSWORD), HttpResponse.BodyHandlers.ofString());
        assertThat(tokenElevationIds(first)).as(first.body()).containsExactly(windowId);
        HttpRequest refresh = form(tokenEndpoint, "grant_type=refresh_token&client_id=" + client
                + "&refresh_token=" + JSON.readTree(first.body()).path("refresh_token").asText());
        List<java.util.concurrent.Callable<HttpResponse<String>>> signIns = new ArrayList<>();
        for (int i = 0; i < SIGN_INS; i++) {
            signIns.add(() -> http.send(refresh, HttpResponse.BodyHandlers.ofString()));
        }

        Race<HttpResponse<String>> race = race(windowId, signIns, token -> tokenElevationIds(token).contains(windowId));

        for (Outcome<HttpResponse<String>> outcome : race.outcomes()) {
            HttpResponse<String> token = outcome.result();
            assertThat(token.statusCode()).as("the token endpoint answers, never a 500: " + token.body())
                    .isEqualTo(200);
            if (tokenElevationIds(token).contains(windowId)) {
                assertThat(outcome.started()).as("a token request that started after the revoke's answer carries it")
                        .isBefore(race.revokeAnswered());
                assertThat(Instant.ofEpochSecond(accessTokenClaims(token).path("iat").asLong()))
                        .as("a token carrying the window was issued after the revoke's answer")
                        .isBefore(race.revokeAnswered());
            } else {
                assertThat(accessTokenClaims(token).has(TAGS_CLAIM)).as("a token without the window has no tags claim")
                        .isFalse();
            }
        }
        assertThat(race.outcomes().stream().filter(o -> !o.started().isBefore(race.revokeAnswered())))
                .as("token requests that started after the revoke's answer").isNotEmpty()
                .allSatisfy(o -> assertThat(accessTokenClaims(o.result()).has(TAGS_CLAIM)).isFalse());
    }

    private record Race<T>(List<Outcome<T>> outcomes, Instant revokeAnswered) {
    }

    /**
     * Runs the sign-ins, {@value #IN_FLIGHT} at a time, and revokes the window once {@value #CARRIED_BEFORE_REVOKE} of
     * them carried it, while the others are in flight or still to start.
     */
    private <T> Race<T> race(String windowId, List<java.util.concurrent.Callable<T>> signIns,
                             java.util.function.Predicate<T> carries) throws Exception {
        CountDownLatch carried = new CountDownLatch(CARRIED_BEFORE_REVOKE);
        CountDownLatch revoked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            // the last few start only once the revoke answered, so that some always do, however fast the others run
            List<CompletableFuture<Outcome<T>>> futures = java.util.stream.IntStream.range(0, signIns.size())
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        java.util.concurrent.Callable<T> signIn = signIns.get(i);
                        try {
                            if (i >= signIns.size() - AFTER_REVOKE
                                    && !revoked.await(3, TimeUnit.MINUTES)) {
                                throw new IllegalStateException("the revoke did not answer");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        Instant started = Instant.now();
                        try {
                            T result = signIn.call();
                            if (carries.test(result)) {
                                carried.countDown();
                            }
                            return new Outcome<>(started, result);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool)).toList();
            assertThat(carried.await(2, TimeUnit.MINUTES)).as("sign-ins carried the window before the revoke").isTrue();
            elevations.revoke(windowId, "revoked during sign-ins").expectStatus(200);
            Instant revokeAnswered = Instant.now();
            revoked.countDown();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
            return new Race<>(futures.stream().map(CompletableFuture::join).toList(), revokeAnswered);
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpRequest form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static List<String> elevationIds(Page page) {
        return AwsSignIn.samlPost(page).map(post -> SamlAttributes.of(post.response()).getOrDefault(ELEVATION_ID,
                List.of())).orElse(List.of());
    }

    private static List<String> tokenElevationIds(HttpResponse<String> token) {
        if (token.statusCode() != 200) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        accessTokenClaims(token).path(TAGS_CLAIM).path("principal_tags").path("ElevationId")
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static JsonNode accessTokenClaims(HttpResponse<String> token) {
        try {
            String[] parts = JSON.readTree(token.body()).path("access_token").asText().split("\\.");
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
