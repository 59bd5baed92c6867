package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;
import io.elevate.cli.Terminal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sign-in link to the AWS console through the federation endpoint: {@code Action=getSigninToken} with the
 * temporary credentials, then {@code Action=login} with the sign-in token and a destination, e.g. the Session Manager
 * deep link of an instance.
 */
public final class ConsoleSignIn {

    public static final URI FEDERATION_ENDPOINT = URI.create(AwsPartition.AWS.federationEndpoint());
    /**
     * What Session Manager connects to: an EC2 instance ({@code i-} and 8 or 17 lowercase hex digits, the rule the
     * server applies to a window's instance) or a Systems Manager managed node ({@code mi-} and 17). Such an id goes
     * into a console link or to {@code aws ssm start-session} without passing the server, so it is checked here.
     */
    private static final Pattern SESSION_TARGET = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})|mi-[0-9a-f]{17}");

    private ConsoleSignIn() {
    }

    /** The Session Manager target (EC2 instance or managed node), or a usage error. */
    public static String checkInstance(String instanceId) {
        if (!SESSION_TARGET.matcher(instanceId).matches()) {
            throw CliException.usage("not an EC2 instance id (i- and 8 or 17 lowercase hex digits, e.g."
                    + " i-0123456789abcdef0) nor a managed node id (mi- and 17): '" + Terminal.shown(instanceId) + "'");
        }
        return instanceId;
    }

    /** The federation endpoint of the region's partition ({@code signin.amazonaws-us-gov.com}, ...). */
    public static URI federationEndpoint(String region) {
        return URI.create(AwsPartition.of(region).federationEndpoint());
    }

    /**
     * The Session Manager shell on {@code instanceId}, or the console's home page of the region without one, on the
     * console host of the region's partition.
     */
    public static String destination(String instanceId, String region) {
        String console = "https://" + AwsPartition.of(region).consoleHost();
        if (instanceId == null) {
            return console + "/console/home?region=" + Http.encode(region);
        }
        return console + "/systems-manager/session-manager/" + instanceId + "?region=" + Http.encode(region);
    }

    /** {@code <federation>?Action=getSigninToken&SessionDuration=...&Session={"sessionId","sessionKey","sessionToken"}}. */
    public static URI signinTokenRequest(URI federation, AwsCredentials credentials, int sessionDurationSeconds) {
        ObjectNode session = Http.JSON.createObjectNode();
        session.put("sessionId", credentials.accessKeyId());
        session.put("sessionKey", credentials.secretAccessKey());
        session.put("sessionToken", credentials.sessionToken());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Action", "getSigninToken");
        query.put("SessionDuration", Integer.toString(sessionDurationSeconds));
        query.put("Session", session.toString());
        return URI.create(federation + "?" + Http.formEncode(query));
    }

    /** {@code <federation>?Action=login&Issuer=...&Destination=...&SigninToken=...}. */
    public static URI loginUrl(URI federation, String issuer, String destination, String signinToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Action", "login");
        query.put("Issuer", issuer);
        query.put("Destination", destination);
        query.put("SigninToken", signinToken);
        return URI.create(federation + "?" + Http.formEncode(query));
    }

    /** Asks the federation endpoint for a sign-in token (valid for 15 minutes). */
    public static String signinToken(Http http, URI request) {
        Http.Response response = http.get(request, Map.of("Accept", "application/json"), "the AWS federation endpoint");
        if (response.status() >= 400 && response.status() < 500) {
            throw new CliException(ExitCode.REFUSED, "AWS refused the console sign-in (HTTP " + response.status()
                    + "): " + abbreviate(response.body()));
        }
        if (!response.ok()) {
            throw new CliException(ExitCode.UNREACHABLE, "the AWS federation endpoint failed: HTTP " + response.status());
        }
        String token = response.json().map(json -> json.path("SigninToken").asText("")).orElse("");
        if (token.isEmpty()) {
            throw new CliException(ExitCode.UNREACHABLE, "the AWS federation endpoint answered without a SigninToken");
        }
        return token;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
