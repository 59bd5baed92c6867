package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;
import io.elevate.cli.testing.InProcess;
import io.elevate.cli.testing.Jwt;
import io.elevate.cli.testing.MutableClock;
import io.elevate.cli.testing.StubServer;
import io.elevate.cli.testing.StubServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device authorization grant's polling (RFC 8628 §3.4, §3.5) against a stub authorization server. */
@DisplayName("The device authorization grant")
class DeviceGrantTest {

    private static final String REALM = "/realms/r";
    private static final String DEVICE = REALM + "/protocol/openid-connect/auth/device";
    private static final String TOKEN = REALM + "/protocol/openid-connect/token";

    private StubServer keycloak;
    private final Deque<Reply> tokenAnswers = new ArrayDeque<>();
    private String deviceAnswer = "{\"device_code\":\"dev-1\",\"user_code\":\"WXYZ-1234\","
            + "\"verification_uri\":\"http://kc/realms/r/device\","
            + "\"verification_uri_complete\":\"http://kc/realms/r/device?user_code=WXYZ-1234\","
            + "\"expires_in\":600,\"interval\":5}";
    private final MutableClock time = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));

    @BeforeEach
    void startKeycloak() {
        keycloak = StubServer.start()
                .route("GET", REALM + "/.well-known/openid-configuration", request -> Reply.json(200, "{"
                        + "\"issuer\":\"" + keycloak.url() + REALM + "\","
                        + "\"device_authorization_endpoint\":\"" + keycloak.url() + DEVICE + "\","
                        + "\"token_endpoint\":\"" + keycloak.url() + TOKEN + "\"}"))
                .route("POST", DEVICE, request -> Reply.json(200, deviceAnswer))
                .route("POST", TOKEN, request -> tokenAnswers.isEmpty() ? Reply.oauthError("authorization_pending")
                        : tokenAnswers.removeFirst());
    }

    @AfterEach
    void stopKeycloak() {
        keycloak.close();
    }

    private JsonNode signIn() {
        OidcEndpoints endpoints = OidcEndpoints.discover(new Http(), keycloak.url() + REALM);
        DeviceGrant grant = new DeviceGrant(new Http(), time, time);
        Pkce pkce = Pkce.create(new SecureRandom());
        DeviceGrant.Authorization authorization = grant.start(endpoints, "elevate-cli", pkce);
        return grant.await(endpoints, "elevate-cli", authorization, pkce);
    }

    private static Reply tokens() {
        return Reply.json(200, "{\"access_token\":\"" + Jwt.accessToken("alice", Instant.parse("2030-01-01T10:05:00Z"),
                Map.of()) + "\",\"refresh_token\":\"r1\",\"expires_in\":300,\"refresh_expires_in\":1800}");
    }

    @Nested
    @DisplayName("while the user decides")
    class Polling {

        @Test
        void waitsTheIntervalBetweenPollsAndFiveSecondsMoreAfterEachSlowDown() {
            tokenAnswers.add(Reply.oauthError("authorization_pending"));
            tokenAnswers.add(Reply.oauthError("slow_down"));
            tokenAnswers.add(Reply.oauthError("authorization_pending"));
            tokenAnswers.add(tokens());

            JsonNode answer = signIn();

            assertThat(answer.path("refresh_token").asText()).isEqualTo("r1");
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(10));
            assertThat(keycloak.received(TOKEN)).hasSize(4);
        }

        @Test
        void pollsEveryFiveSecondsWhenTheServerNamesNoInterval() {
            deviceAnswer = deviceAnswer.replace(",\"interval\":5", "");
            tokenAnswers.add(Reply.oauthError("authorization_pending"));
            tokenAnswers.add(tokens());

            signIn();

            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        }

        @Test
        void provesPossessionOfTheCodeVerifierWhoseS256ChallengeItSent() {
            tokenAnswers.add(tokens());

            signIn();

            Map<String, String> device = keycloak.received(DEVICE).get(0).form();
            Map<String, String> poll = keycloak.received(TOKEN).get(0).form();
            assertThat(device).containsEntry("client_id", "elevate-cli").containsEntry("code_challenge_method", "S256");
            assertThat(poll).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                    .containsEntry("client_id", "elevate-cli").containsEntry("device_code", "dev-1");
            assertThat(poll.get("code_verifier")).matches("[A-Za-z0-9_-]{43,128}");
            assertThat(Pkce.challengeOf(poll.get("code_verifier"))).isEqualTo(device.get("code_challenge"));
        }
    }

    @Nested
    @DisplayName("when the user does not approve")
    class Failing {

        @Test
        void anExpiredCodeMeansNotSignedIn() {
            tokenAnswers.add(Reply.oauthError("authorization_pending"));
            tokenAnswers.add(Reply.oauthError("expired_token"));

            assertThatThrownBy(DeviceGrantTest.this::signIn).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_SIGNED_IN)).hasMessageContaining("expired");
        }

        @Test
        void theClientStopsPollingWhenTheCodeHasExpiredByItsOwnClock() {
            deviceAnswer = deviceAnswer.replace("\"expires_in\":600", "\"expires_in\":12");

            assertThatThrownBy(DeviceGrantTest.this::signIn).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_SIGNED_IN));
            assertThat(keycloak.received(TOKEN)).hasSize(2);
        }

        @Test
        void aDenialIsRefused() {
            tokenAnswers.add(Reply.oauthError("access_denied"));

            assertThatThrownBy(DeviceGrantTest.this::signIn).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED)).hasMessageContaining("denied");
        }

        @Test
        void anyOtherOAuthErrorIsRefusedWithItsDescription() {
            tokenAnswers.add(Reply.oauthError("invalid_client"));

            assertThatThrownBy(DeviceGrantTest.this::signIn).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED)).hasMessageContaining("invalid_client");
        }

        @Test
        void aServerErrorWhilePollingIsUnreachable() {
            tokenAnswers.add(new Reply(503, "text/html", "<h1>down</h1>"));

            assertThatThrownBy(DeviceGrantTest.this::signIn).isInstanceOfSatisfying(CliException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE));
        }
    }

    @Nested
    @DisplayName("elevate login")
    class Login {

        @TempDir
        Path home;

        @Test
        void printsWhereToApproveThenCachesTheTokensPrivately() throws Exception {
            tokenAnswers.add(Reply.oauthError("authorization_pending"));
            tokenAnswers.add(tokens());
            InProcess elevate = new InProcess(home).time(time).set("ELEVATE_ISSUER", keycloak.url() + REALM);

            InProcess.Result result = elevate.run("login");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).contains("http://kc/realms/r/device?user_code=WXYZ-1234", "WXYZ-1234",
                    "expires in 10 min");
            assertThat(result.out()).contains("Signed in as alice", "No elevation window is open");
            Path file = elevate.elevateHome().resolve("tokens.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
            assertThat(new TokenCache(elevate.elevateHome()).read().orElseThrow().refreshToken()).isEqualTo("r1");
        }

        @Test
        void withoutAnIssuerSaysHowToNameOne() {
            InProcess.Result result = new InProcess(home).run("login");

            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).contains("--issuer", "ELEVATE_ISSUER");
        }

        @Test
        void aRealmThatDoesNotExistIsAUsageError() {
            InProcess.Result result = new InProcess(home).run("login", "--issuer", keycloak.url() + "/realms/nope");

            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).contains("no OpenID provider");
            assertThat(List.of(result.err().split("\n"))).noneMatch(line -> line.startsWith("\tat "));
        }
    }
}
