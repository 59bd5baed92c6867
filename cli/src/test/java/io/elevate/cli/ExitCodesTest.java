package io.elevate.cli;

import io.elevate.cli.login.TokenCache;
import io.elevate.cli.login.Tokens;
import io.elevate.cli.testing.AwsContract;
import io.elevate.cli.testing.InProcess;
import io.elevate.cli.testing.InProcess.Result;
import io.elevate.cli.testing.Jwt;
import io.elevate.cli.testing.StubServer;
import io.elevate.cli.testing.StubServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exit code a script can rely on, with {@code elevate} run in-process against a stub Keycloak (discovery,
 * token refresh, the elevation API) and the AWS contract server; and never a stack trace for an expected error.
 */
@DisplayName("Exit codes")
class ExitCodesTest {

    private static final String REALM = "/realms/r";
    private static final String TOKEN = REALM + "/protocol/openid-connect/token";
    private static final String WINDOW_ID = "0b7e1f7c-1111-4222-8333-944455556666";
    private static final Map<String, String> TAGS = tags();

    private static AwsContract aws;

    @TempDir
    Path home;

    private StubServer keycloak;
    private InProcess elevate;
    /** What the token endpoint answers to a refresh; null: invalid_grant. */
    private String refreshedToken;
    private Instant windowEnd = Instant.now().plusSeconds(3 * 3600);
    private boolean windowOpen = true;

    @BeforeAll
    static void startAws() {
        aws = AwsContract.http();
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    @BeforeEach
    void startKeycloak() {
        aws.forget();
        keycloak = StubServer.start()
                .route("GET", REALM + "/.well-known/openid-configuration", request -> Reply.json(200, "{"
                        + "\"issuer\":\"" + keycloak.url() + REALM + "\",\"token_endpoint\":\"" + keycloak.url() + TOKEN
                        + "\"}"))
                .route("POST", TOKEN, request -> refreshedToken == null ? Reply.oauthError("invalid_grant")
                        : Reply.json(200, "{\"access_token\":\"" + refreshedToken + "\",\"expires_in\":300}"))
                .route("GET", REALM + "/elevation/requests/*", request -> Reply.json(200, "{\"id\":\"" + WINDOW_ID
                        + "\",\"status\":\"APPROVED\",\"open\":" + windowOpen + ",\"accountId\":\"123456789012\","
                        + "\"roleName\":\"ElevateSessionManager\",\"region\":\"eu-west-1\","
                        + "\"instanceId\":\"i-0123456789abcdef0\",\"endsAt\":\"" + windowEnd + "\"}"))
                .route("POST", REALM + "/elevation/requests", request -> request.body().contains("\"instanceId\"")
                        ? Reply.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"the input breaks"
                        + " rules\",\"violations\":[{\"field\":\"instanceId\",\"message\":\"must be an EC2 instance"
                        + " id: i- followed by 8 or 17 lowercase hex digits\"}]}")
                        : Reply.json(400, "{\"error\":\"invalid_request\","
                        + "\"error_description\":\"the input breaks rules\",\"violations\":[{\"field\":\"durationMinutes\","
                        + "\"message\":\"at most 120 minutes\"}]}"));
        elevate = new InProcess(home).set("ELEVATE_STS_ENDPOINT", aws.stsEndpoint().toString());
    }

    @AfterEach
    void stopKeycloak() {
        keycloak.close();
    }

    /** Caches a sign-in whose access token has the tags (or none) and expires in {@code seconds}. */
    private void signedIn(Map<String, String> tags, long seconds) {
        Instant exp = Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
        new TokenCache(elevate.elevateHome()).write(new Tokens(keycloak.url() + REALM, "elevate-cli",
                URI.create(keycloak.url() + TOKEN), Jwt.accessToken("operator", exp, tags), "refresh-1", exp,
                exp.plusSeconds(1800)));
    }

    private static Result expect(Result result, int exitCode) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        return result;
    }

    @Nested
    @DisplayName("0: done")
    class Done {

        @Test
        void helpOnEveryCommand() {
            for (String command : new String[] {"login", "logout", "credentials", "console", "ssm", "policies",
                "request", "list", "approve", "reject"}) {
                Result result = expect(elevate.run(command, "--help"), ExitCode.OK);
                assertThat(result.out()).startsWith("Usage: elevate " + command).contains("Exit codes:");
            }
            assertThat(expect(elevate.run("--help"), ExitCode.OK).out()).contains("70   internal error");
        }

        @Test
        void credentialsInsideAnOpenWindow() throws Exception {
            signedIn(TAGS, 300);

            Result result = expect(elevate.run("credentials"), ExitCode.OK);

            JsonNode json = Http.JSON.readTree(result.out());
            assertThat(json.path("AccessKeyId").asText()).isEqualTo(AwsContract.ACCESS_KEY_ID);
            assertThat(result.err()).isEmpty();
            assertThat(aws.stsCalls()).singleElement().satisfies(call -> {
                assertThat(call.parameters()).containsEntry("RoleArn",
                        "arn:aws:iam::123456789012:role/ElevateSessionManager").containsEntry("RoleSessionName", "operator")
                        .containsEntry("DurationSeconds", "3600");
                assertThat(call.authorization()).as("unsigned").isEmpty();
            });
        }
    }

    @Nested
    @DisplayName("1: usage")
    class Usage {

        @Test
        void noCommandAnUnknownOptionOrAMissingOne() {
            expect(elevate.run(), ExitCode.USAGE);
            assertThat(expect(elevate.run("credentials", "--bogus"), ExitCode.USAGE).err()).contains("--bogus");
            assertThat(expect(elevate.run("reject", "some-id"), ExitCode.USAGE).err()).contains("--comment");
            assertThat(expect(elevate.run("request", "--policy", "p", "--duration", "sixty", "--justification", "x"),
                    ExitCode.USAGE).err()).contains("sixty");
        }

        @Test
        void aMalformedRoleArnBeforeAnyNetworkCall() {
            signedIn(TAGS, 300);
            assertThat(expect(elevate.run("credentials", "--role-arn", "ElevateSessionManager"), ExitCode.USAGE).err())
                    .contains("not an IAM role ARN");
            assertThat(keycloak.received()).isEmpty();
        }
    }

    @Nested
    @DisplayName("2: not signed in")
    class NotSignedIn {

        @Test
        void noCachedSignIn() {
            assertThat(expect(elevate.run("credentials"), ExitCode.NOT_SIGNED_IN).err())
                    .contains("not signed in: run `elevate login`");
            expect(elevate.run("list"), ExitCode.NOT_SIGNED_IN);
        }

        @Test
        void theAccessTokenExpiredAndKeycloakRefusesTheRefresh() {
            signedIn(TAGS, -10);
            refreshedToken = null;
            assertThat(expect(elevate.run("list"), ExitCode.NOT_SIGNED_IN).err()).contains("expired");
        }
    }

    @Nested
    @DisplayName("3: no open window")
    class NoOpenWindow {

        @Test
        void evenAFreshTokenHasNoTags() {
            signedIn(Map.of(), 300);
            refreshedToken = Jwt.accessToken("operator", Instant.now().plusSeconds(300), Map.of());

            assertThat(expect(elevate.run("credentials"), ExitCode.NO_OPEN_WINDOW).err())
                    .contains("no open elevation window", "elevate request");
            assertThat(keycloak.received(TOKEN)).as("refreshed once, in case a window opened").hasSize(1);
            assertThat(aws.stsCalls()).isEmpty();
        }

        @Test
        void theCachedTokenNamesAWindowThatClosedSince() {
            signedIn(TAGS, 300);
            windowOpen = false;
            refreshedToken = Jwt.accessToken("operator", Instant.now().plusSeconds(300), Map.of());

            expect(elevate.run("console"), ExitCode.NO_OPEN_WINDOW);
            assertThat(aws.stsCalls()).isEmpty();
        }
    }

    @Test
    @DisplayName("4: the window ends too soon")
    void windowEndsTooSoon() {
        signedIn(TAGS, 300);
        windowEnd = Instant.now().plusSeconds(600);

        assertThat(expect(elevate.run("credentials"), ExitCode.WINDOW_ENDS_TOO_SOON).err()).contains("ends too soon");
        assertThat(aws.stsCalls()).isEmpty();
    }

    @Nested
    @DisplayName("5: unreachable")
    class Unreachable {

        @Test
        void keycloakIsNotListening() throws Exception {
            int closed = closedPort();
            assertThat(expect(elevate.run("login", "--issuer", "http://127.0.0.1:" + closed + "/realms/r"),
                    ExitCode.UNREACHABLE).err()).contains("cannot reach Keycloak at http://127.0.0.1:" + closed);
        }

        @Test
        void stsIsNotListening() throws Exception {
            signedIn(TAGS, 300);
            assertThat(expect(elevate.run("credentials", "--sts-endpoint", "http://127.0.0.1:" + closedPort()),
                    ExitCode.UNREACHABLE).err()).contains("cannot reach AWS STS");
        }
    }

    @Nested
    @DisplayName("6: refused")
    class Refused {

        @Test
        void theElevationApiSaysWhyFieldByField() {
            signedIn(Map.of(), 300);
            Result result = expect(elevate.run("request", "--policy", "p1", "--duration", "600", "--justification",
                    "INC1"), ExitCode.REFUSED);
            assertThat(result.err()).contains("refused (HTTP 400): the input breaks rules",
                    "- durationMinutes: at most 120 minutes");
        }

        @Test
        void theServerDecidesWhatAnInstanceIdIs() {
            signedIn(Map.of(), 300);
            Result result = expect(elevate.run("request", "--policy", "p1", "--duration", "60", "--justification",
                    "INC1", "--instance", "mi-0123456789abcdef0"), ExitCode.REFUSED);
            assertThat(result.err()).contains("refused (HTTP 400): the input breaks rules",
                    "- instanceId: must be an EC2 instance id: i- followed by 8 or 17 lowercase hex digits");
        }

        @Test
        void awsRefusesATokenWhoseTagsAreNotInItsShape() {
            Instant exp = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("exp", exp.getEpochSecond());
            claims.put("typ", "Bearer");
            claims.put("preferred_username", "operator");
            claims.put("https://aws.amazon.com/tags", Map.of("principal_tags", Map.of("ElevationId", WINDOW_ID)));
            new TokenCache(elevate.elevateHome()).write(new Tokens(keycloak.url() + REALM, "elevate-cli",
                    URI.create(keycloak.url() + TOKEN), Jwt.of(claims), "refresh-1", exp, null));

            assertThat(expect(elevate.run("credentials"), ExitCode.REFUSED).err())
                    .contains("AWS refused to assume", "InvalidIdentityToken");
        }
    }

    @Nested
    @DisplayName("7: ssm tools missing")
    class SsmToolsMissing {

        @Test
        void printsTheCommandsToRunElsewhere() {
            signedIn(TAGS, 300);
            Result result = expect(elevate.run("ssm", "i-0123456789abcdef0"), ExitCode.SSM_TOOLS_MISSING);
            assertThat(result.err()).contains("`aws` and `session-manager-plugin` are not on the PATH");
            assertThat(result.out()).contains("export AWS_ACCESS_KEY_ID=" + AwsContract.ACCESS_KEY_ID,
                    "export AWS_SESSION_TOKEN=", "aws ssm start-session --target i-0123456789abcdef0 --region eu-west-1");
        }

        @Test
        void withBothToolsRunsAwsWithTheCredentialsAndPassesOnItsExitCode() throws Exception {
            signedIn(TAGS, 300);
            Path bin = Files.createDirectory(home.resolve("bin"));
            Path record = home.resolve("aws-ran.txt");
            executable(bin.resolve("aws"), "#!/bin/sh\necho \"$*\" > '" + record + "'\n"
                    + "echo \"$AWS_ACCESS_KEY_ID $AWS_REGION ${AWS_PROFILE:-no-profile}\" >> '" + record + "'\nexit 42\n");
            executable(bin.resolve("session-manager-plugin"), "#!/bin/sh\n");
            elevate.set("PATH", bin + ":/usr/bin:/bin").set("AWS_PROFILE", "other");

            expect(elevate.run("ssm", "i-0123456789abcdef0"), 42);

            assertThat(Files.readAllLines(record)).containsExactly(
                    "ssm start-session --target i-0123456789abcdef0 --region eu-west-1",
                    AwsContract.ACCESS_KEY_ID + " eu-west-1 no-profile");
        }
    }

    private static void executable(Path file, String script) throws Exception {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AppGroupName", "webserver");
        tags.put("AppId", "ABC");
        tags.put("ElevationId", WINDOW_ID);
        return tags;
    }
}
