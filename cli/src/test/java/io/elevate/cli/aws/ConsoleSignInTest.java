package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The console sign-in link")
class ConsoleSignInTest {

    private static final AwsCredentials CREDENTIALS = new AwsCredentials("ASIAEXAMPLE", "se/cr+et=&x",
            "tok+en/==", Instant.parse("2030-01-01T11:00:00Z"));

    @Test
    void asksTheFederationEndpointForASigninTokenWithTheSessionAsJson() throws Exception {
        URI request = ConsoleSignIn.signinTokenRequest(ConsoleSignIn.FEDERATION_ENDPOINT, CREDENTIALS, 2400);

        assertThat(request.toString()).startsWith("https://signin.aws.amazon.com/federation?Action=getSigninToken&");
        Map<String, String> query = query(request);
        assertThat(query).containsEntry("SessionDuration", "2400");
        JsonNode session = Http.JSON.readTree(query.get("Session"));
        assertThat(session.path("sessionId").asText()).isEqualTo("ASIAEXAMPLE");
        assertThat(session.path("sessionKey").asText()).isEqualTo("se/cr+et=&x");
        assertThat(session.path("sessionToken").asText()).isEqualTo("tok+en/==");
    }

    @Test
    void opensTheSessionManagerDeepLinkOfTheInstance() {
        URI login = ConsoleSignIn.loginUrl(ConsoleSignIn.FEDERATION_ENDPOINT,
                "http://localhost:8080/realms/elevate-demo",
                ConsoleSignIn.destination("i-0123456789abcdef0", "eu-west-1"), "SIGN+IN/TOKEN=");

        assertThat(login.getHost()).isEqualTo("signin.aws.amazon.com");
        assertThat(query(login)).containsExactly(
                Map.entry("Action", "login"),
                Map.entry("Issuer", "http://localhost:8080/realms/elevate-demo"),
                Map.entry("Destination",
                        "https://console.aws.amazon.com/systems-manager/session-manager/i-0123456789abcdef0?region=eu-west-1"),
                Map.entry("SigninToken", "SIGN+IN/TOKEN="));
    }

    @Test
    void withoutAnInstanceOpensTheConsoleHomeOfTheRegion() {
        assertThat(ConsoleSignIn.destination(null, "eu-west-1"))
                .isEqualTo("https://console.aws.amazon.com/console/home?region=eu-west-1");
    }

    @Test
    void followsThePartitionOfTheWindowsRegion() {
        assertThat(ConsoleSignIn.federationEndpoint("us-gov-west-1"))
                .hasToString("https://signin.amazonaws-us-gov.com/federation");
        assertThat(ConsoleSignIn.federationEndpoint("cn-north-1")).hasToString("https://signin.amazonaws.cn/federation");
        assertThat(ConsoleSignIn.federationEndpoint("eu-west-1")).hasToString("https://signin.aws.amazon.com/federation");
        assertThat(ConsoleSignIn.destination("i-0123456789abcdef0", "us-gov-east-1")).isEqualTo(
                "https://console.amazonaws-us-gov.com/systems-manager/session-manager/i-0123456789abcdef0"
                        + "?region=us-gov-east-1");
        assertThat(ConsoleSignIn.destination(null, "cn-northwest-1"))
                .isEqualTo("https://console.amazonaws.cn/console/home?region=cn-northwest-1");
    }

    @ParameterizedTest(name = "takes {0}")
    @ValueSource(strings = {"i-0123456789abcdef0", "i-01234567", "mi-0123456789abcdef0"})
    void takesInstancesAndManagedNodes(String id) {
        assertThat(ConsoleSignIn.checkInstance(id)).isEqualTo(id);
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"i-0123&Destination=evil", "i-012345678", "i-0123456789abcdef", "i-0123456789ABCDEF0",
            "mi-01234567", "mi-0123456789abcdef", "x-01234567", ""})
    void refusesSomethingThatIsNotASessionManagerTarget(String id) {
        assertThatThrownBy(() -> ConsoleSignIn.checkInstance(id))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
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
