package io.elevate.cli;

import io.elevate.cli.testing.AwsContract;
import io.elevate.cli.testing.ElevateProcess;
import io.elevate.cli.testing.InProcess.Result;
import io.elevate.cli.testing.LocalTls;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code elevate} jar as users run it, against the real Keycloak of the integration suite (Elevate and the demo
 * realm's {@code elevate-cli} client): the device sign-in approved in a browser, credentials from the AWS STS
 * contract server, a console link from the federation contract server, and the request workflow of the real API.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The elevate command")
class ElevateCliIT {

    private static final Pattern APPROVAL_LINK = Pattern.compile("(https?://\\S+user_code=\\S+)");
    private static final String ROLE = "arn:aws:iam::123456789012:role/ElevateSessionManager";
    private static final String INSTANCE = "i-0123456789abcdef0";

    private static Path work;
    private static LocalTls tls;
    private static AwsContract aws;

    private KeycloakServer server;
    private Elevations elevations;
    private PolicyAdmin policies;

    @BeforeAll
    static void startAws() throws Exception {
        work = Path.of(System.getProperty("elevate.cli.jar")).getParent().resolve("cli-it");
        Files.createDirectories(work);
        tls = LocalTls.create(work.resolve("tls"));
        aws = AwsContract.https(tls.serverContext());
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        aws.forget();
        aws.trust(AwsContract.OidcProvider.realm(server.realmUrl(DEMO_REALM), "elevate-cli"));
    }

    @Test
    void insideAWindowTheUserGetsCredentialsAConsoleLinkAndAShellUntilTheWindowIsRevoked() throws Exception {
        String user = elevations.newUser("cli");
        String windowId = elevations.grant(Elevations.window(user, Duration.ofMinutes(40)));
        ElevateProcess elevate = elevate(user).set("ELEVATE_STS_ENDPOINT", aws.stsEndpoint().toString());

        Result login = login(elevate, user);
        assertThat(login.out()).contains("Signed in as " + user, "An elevation window is open:", "AppId=ABC",
                "ElevationId=" + windowId);
        Path tokens = elevate.home().resolve("tokens.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(elevate.home()))).isEqualTo("rwx------");

        Result credentials = ok(elevate.run("credentials"));
        JsonNode json = Http.JSON.readTree(credentials.out());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
        assertThat(json.path("Version").asInt()).isEqualTo(1);
        assertThat(json.path("AccessKeyId").asText()).isEqualTo(AwsContract.ACCESS_KEY_ID);
        assertThat(json.path("SecretAccessKey").asText()).isEqualTo(AwsContract.SECRET_ACCESS_KEY);
        assertThat(json.path("SessionToken").asText()).isEqualTo(AwsContract.SESSION_TOKEN);
        assertThat(json.path("Expiration").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(credentials.err()).isEmpty();
        AwsContract.StsCall call = aws.stsCalls().get(0);
        assertThat(call.parameters().get("WebIdentityToken")).as("the cached access token")
                .isEqualTo(Http.JSON.readTree(tokens.toFile()).path("access_token").asText());
        assertThat(call.parameters()).containsEntry("RoleArn", ROLE).containsEntry("RoleSessionName", user);
        assertThat(Integer.parseInt(call.parameters().get("DurationSeconds"))).as("until the window ends")
                .isBetween(1800, 2400);
        assertThat(call.authorization()).as("the call is unsigned").isEmpty();

        ok(elevate.run("credentials", "--role-arn", "arn:aws:iam::123456789012:role/Other"));
        assertThat(aws.stsCalls().get(1).parameters()).containsEntry("RoleArn", "arn:aws:iam::123456789012:role/Other");

        Result console = ok(elevate.run("console", "--instance", INSTANCE, "--federation-endpoint",
                aws.federationEndpoint().toString()));
        URI link = URI.create(console.out().trim());
        assertThat(link.getPath()).isEqualTo("/federation");
        assertThat(query(link)).containsEntry("Action", "login")
                .containsEntry("Destination", "https://console.aws.amazon.com/systems-manager/session-manager/"
                        + INSTANCE + "?region=eu-west-1")
                .containsEntry("SigninToken", AwsContract.SIGNIN_TOKEN)
                .containsEntry("Issuer", server.realmUrl(DEMO_REALM));
        AwsContract.FederationCall federation = aws.federationCalls().get(0);
        assertThat(Integer.parseInt(federation.query().get("SessionDuration"))).isBetween(1800, 2400);

        Path bin = Files.createDirectories(work.resolve("bin-" + user));
        Path ran = work.resolve("aws-" + user + ".txt");
        executable(bin.resolve("aws"), "#!/bin/sh\necho \"$*\" > '" + ran + "'\necho \"$AWS_ACCESS_KEY_ID\" >> '" + ran
                + "'\n");
        executable(bin.resolve("session-manager-plugin"), "#!/bin/sh\n");
        ok(elevate.set("PATH", bin + ":/bin:/usr/bin").run("ssm", INSTANCE));
        assertThat(Files.readAllLines(ran)).containsExactly(
                "ssm start-session --target " + INSTANCE + " --region eu-west-1", AwsContract.ACCESS_KEY_ID);
        Result printed = elevate.set("PATH", Files.createDirectories(work.resolve("empty-bin")).toString())
                .run("ssm", INSTANCE);
        assertThat(printed.exitCode()).as(printed.toString()).isEqualTo(ExitCode.SSM_TOOLS_MISSING);
        assertThat(printed.out()).contains("export AWS_SECRET_ACCESS_KEY=", "aws ssm start-session --target " + INSTANCE);

        elevations.revoke(windowId, "incident over").expectStatus(200);
        aws.forget();
        Result revoked = elevate.run("credentials");
        assertThat(revoked.exitCode()).as(revoked.toString()).isEqualTo(ExitCode.NO_OPEN_WINDOW);
        assertThat(revoked.err()).startsWith("elevate: no open elevation window").doesNotContain("\tat ");
        assertThat(aws.stsCalls()).isEmpty();
    }

    @Test
    void aRequestApprovedWithTheCommandOpensTheWindowTheCredentialsComeFrom() throws Exception {
        String operators = policies.newGroup("cli-operators");
        String approvers = policies.newGroup("cli-approvers");
        String operator = member("cli-op", operators);
        String approver = member("cli-appr", approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("autoApproveRules", List.of("[{\"name\": \"quick look\", \"expression\": "
                + "\"request.duration <= duration('10m')\"}]"));
        String policy = policies.create("cli web shell " + operators, config);
        ElevateProcess asOperator = elevate(operator).set("ELEVATE_STS_ENDPOINT", aws.stsEndpoint().toString());
        ElevateProcess asApprover = elevate(approver);
        login(asOperator, operator);
        login(asApprover, approver);

        Result before = asOperator.run("credentials");
        assertThat(before.exitCode()).as(before.toString()).isEqualTo(ExitCode.NO_OPEN_WINDOW);
        assertThat(ok(asOperator.run("policies")).out()).contains(policy, ROLE);

        assertThat(ok(asOperator.run("request", "--policy", policy, "--duration", "10", "--justification",
                "INC1234: a look", "--instance", INSTANCE, "--dry-run")).out()).contains("AUTO_APPROVED", "quick look");
        assertThat(ok(asOperator.run("request", "--policy", policy, "--duration", "60", "--justification",
                "INC1234: restart the web tier", "--instance", INSTANCE, "--dry-run")).out()).contains("MANUAL");
        assertThat(Http.JSON.readTree(ok(asOperator.run("list", "--json")).out())).as("a dry run asks nothing")
                .isEmpty();

        JsonNode requested = Http.JSON.readTree(ok(asOperator.run("request", "--policy", policy, "--duration", "60",
                "--justification", "INC1234: restart the web tier", "--instance", INSTANCE, "--json")).out());
        String id = requested.path("id").asText();
        assertThat(requested.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(ok(asApprover.run("list", "--waiting")).out()).contains(id, operator, "REQUESTED");

        Result own = asOperator.run("approve", id);
        assertThat(own.exitCode()).as(own.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(own.err()).startsWith("elevate: refused (HTTP 403)");

        assertThat(ok(asApprover.run("approve", id, "--comment", "ok, go")).out())
                .contains("Request " + id + ": APPROVED (open now)", "1 of 1");
        JsonNode mine = Http.JSON.readTree(ok(asOperator.run("list", "--json")).out());
        assertThat(mine.get(0).path("id").asText()).isEqualTo(id);
        assertThat(mine.get(0).path("open").asBoolean()).isTrue();

        ok(asOperator.run("credentials"));
        assertThat(aws.stsCalls()).singleElement().satisfies(call -> {
            assertThat(call.parameters()).containsEntry("RoleSessionName", operator);
            assertThat(Integer.parseInt(call.parameters().get("DurationSeconds"))).isBetween(3000, 3600);
        });

        String second = Http.JSON.readTree(ok(asOperator.run("request", "--policy", policy, "--duration", "30",
                "--justification", "INC1235", "--instance", INSTANCE, "--json")).out()).path("id").asText();
        assertThat(asApprover.run("reject", second).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(ok(asApprover.run("reject", second, "--comment", "not now")).out())
                .contains(second + ": REJECTED", "not now");
    }

    @Test
    void withoutASignInOrWithKeycloakGoneTheCommandSaysSoAndExitsWithItsCode() throws Exception {
        ElevateProcess elevate = elevate("nobody-" + UUID.randomUUID().toString().substring(0, 8));
        Result notSignedIn = elevate.run("credentials");
        assertThat(notSignedIn.exitCode()).as(notSignedIn.toString()).isEqualTo(ExitCode.NOT_SIGNED_IN);
        assertThat(notSignedIn.err()).isEqualTo("elevate: not signed in: run `elevate login`\n");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result unreachable = elevate.run("login", "--issuer", "http://localhost:" + closed + "/realms/" + DEMO_REALM);
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(unreachable.err()).isEqualTo("elevate: cannot reach Keycloak at http://localhost:" + closed
                + ": connection refused\n");
    }

    /** Runs {@code elevate login} and approves its code in a browser, as the user: sign in, then grant access. */
    private Result login(ElevateProcess elevate, String username) throws Exception {
        ElevateProcess.Running login = elevate.start("login", "--issuer", server.realmUrl(DEMO_REALM));
        String link = login.awaitErr(APPROVAL_LINK, Duration.ofSeconds(60));
        Page signIn = new Browser().open(link);
        Page consent = signIn.submit("#kc-form-login", Map.of("username", username, "password", Elevations.PASSWORD));
        assertThat(consent.text()).contains("Elevate command line");
        consent.submit("#kc-oauth form", Map.of("accept", "Yes"));
        return ok(login.await());
    }

    private ElevateProcess elevate(String user) {
        return new ElevateProcess(Path.of(System.getProperty("elevate.cli.jar")), work.resolve("home-" + user),
                tls.jvmOptions());
    }

    private String member(String prefix, String group) {
        String username = elevations.newUser(prefix);
        policies.addMember(elevations.userId(username), group);
        return username;
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static void executable(Path file, String script) throws Exception {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
