package io.elevate.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLContext;

/**
 * AWS's side of the contract, in the test JVM: STS's {@code AssumeRoleWithWebIdentity} (query API, form POST or GET,
 * XML answers) at {@code /}, and the federation endpoint's {@code getSigninToken} at {@code /federation}.
 *
 * <p>STS checks what AWS checks that a test can see: the action and version, the role ARN, the role session name
 * rule, the duration (900 s to the role's maximum, one hour), and that the web identity token is an unexpired access
 * token ({@code typ} Bearer) carrying the {@code https://aws.amazon.com/tags} claim in AWS's shape; once told which
 * {@link OidcProvider} it trusts ({@link #trust}), also the token's RS256 signature against the provider's keys, its
 * {@code iss} and its {@code aud}, as an IAM OIDC provider does. It answers fixed
 * credentials expiring after the duration asked for. The federation endpoint accepts exactly those credentials.
 * Every call is recorded.
 */
public final class AwsContract implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "ASIAELEVATETEST00001";
    public static final String SECRET_ACCESS_KEY = "elevate/test+secret=0123456789abcdefghijklmn";
    public static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEElevateTestSessionToken/+=";
    public static final String SIGNIN_TOKEN = "elevate-test-signin-token-0123456789";
    public static final int ROLE_MAX_SESSION_SECONDS = 3600;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws(-us-gov|-cn)?:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]+");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{2,64}");

    /** One {@code AssumeRoleWithWebIdentity} call: its parameters and the Authorization header, if it was signed. */
    public record StsCall(Map<String, String> parameters, Optional<String> authorization) {
    }

    /** One {@code getSigninToken} call: its query and the session it carried. */
    public record FederationCall(Map<String, String> query, JsonNode session) {
    }

    /**
     * The IAM OIDC provider STS trusts, as AWS checks a web identity token: its issuer ({@code iss}), its client id
     * ({@code aud}, or {@code azp} when the token has no {@code aud}) and the issuer's signing keys by {@code kid}.
     */
    public record OidcProvider(String issuer, String audience, Function<String, PublicKey> keys) {

        /** A Keycloak realm: its keys read from the realm's JWKS ({@code <issuer>/protocol/openid-connect/certs}). */
        public static OidcProvider realm(String issuer, String audience) {
            return new OidcProvider(issuer, audience, kid -> jwks(URI.create(issuer + "/protocol/openid-connect/certs"))
                    .get(kid));
        }

        /** What AWS would refuse about the token, as "Code: message", or null. */
        String problem(String token) {
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                return "InvalidIdentityToken: the web identity token is not a JWT";
            }
            try {
                Base64.Decoder base64 = Base64.getUrlDecoder();
                JsonNode header = JSON.readTree(base64.decode(parts[0]));
                JsonNode claims = JSON.readTree(base64.decode(parts[1]));
                if (!"RS256".equals(header.path("alg").asText())) {
                    return "InvalidIdentityToken: unsupported alg " + header.path("alg").asText();
                }
                PublicKey key = keys.apply(header.path("kid").asText());
                if (key == null) {
                    return "InvalidIdentityToken: the token's kid is not one of the provider's keys";
                }
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(key);
                rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                if (!rsa.verify(base64.decode(parts[2]))) {
                    return "InvalidIdentityToken: the token's signature does not verify";
                }
                if (!issuer.equals(claims.path("iss").asText())) {
                    return "InvalidIdentityToken: No OpenIDConnect provider found in your account for "
                            + claims.path("iss").asText();
                }
                JsonNode aud = claims.path("aud");
                boolean audienceMatches = aud.isMissingNode() ? audience.equals(claims.path("azp").asText())
                        : aud.isArray() ? StreamSupport.stream(aud.spliterator(), false)
                        .anyMatch(a -> audience.equals(a.asText())) : audience.equals(aud.asText());
                return audienceMatches ? null : "InvalidIdentityToken: Incorrect token audience";
            } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
                return "InvalidIdentityToken: " + e.getMessage();
            }
        }
    }

    private final HttpServer server;
    private volatile OidcProvider provider;
    private final String host;
    private final List<StsCall> stsCalls = new ArrayList<>();
    private final List<FederationCall> federationCalls = new ArrayList<>();

    private AwsContract(HttpServer server, String host) {
        this.server = server;
        this.host = host;
        server.createContext("/", this::sts);
        server.createContext("/federation", this::federation);
        server.start();
    }

    /** Over plain HTTP on 127.0.0.1. */
    public static AwsContract http() {
        try {
            return new AwsContract(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    "127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over HTTPS on the loopback address, as {@code https://localhost:<port>}, presenting {@code tls}'s certificate. */
    public static AwsContract https(SSLContext tls) {
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new AwsContract(https, "localhost");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI stsEndpoint() {
        return URI.create(scheme() + "://" + host + ":" + server.getAddress().getPort() + "/");
    }

    public URI federationEndpoint() {
        return URI.create(scheme() + "://" + host + ":" + server.getAddress().getPort() + "/federation");
    }

    public synchronized List<StsCall> stsCalls() {
        return List.copyOf(stsCalls);
    }

    public synchronized List<FederationCall> federationCalls() {
        return List.copyOf(federationCalls);
    }

    /**
     * From now on only tokens of this provider are accepted, checked as AWS checks them (signature, {@code iss},
     * {@code aud}); without a provider the token's signature is not checked.
     */
    public void trust(OidcProvider provider) {
        this.provider = provider;
    }

    /** The RSA signing keys of a JWKS document, by kid. */
    static Map<String, PublicKey> jwks(URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, PublicKey> keys = new HashMap<>();
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            for (JsonNode key : JSON.readTree(response.body()).path("keys")) {
                if ("RSA".equals(key.path("kty").asText()) && !"enc".equals(key.path("use").asText())) {
                    Base64.Decoder base64 = Base64.getUrlDecoder();
                    keys.put(key.path("kid").asText(), rsa.generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, base64.decode(key.path("n").asText())),
                            new BigInteger(1, base64.decode(key.path("e").asText())))));
                }
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JWKS at " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized void forget() {
        stsCalls.clear();
        federationCalls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String scheme() {
        return server instanceof HttpsServer ? "https" : "http";
    }

    private void sts(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> parameters = StubServer.decode(!body.isEmpty() ? body : query == null ? "" : query);
            synchronized (this) {
                stsCalls.add(new StsCall(parameters,
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
            }
            String problem = stsProblem(parameters);
            if (problem != null) {
                String[] codeAndMessage = problem.split(": ", 2);
                respond(exchange, codeAndMessage[0].equals("AccessDenied") ? 403 : 400, "text/xml", error(codeAndMessage[0],
                        codeAndMessage[1]));
                return;
            }
            int duration = Integer.parseInt(parameters.get("DurationSeconds"));
            Instant expiration = Instant.now().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
            String role = parameters.get("RoleArn");
            String sessionName = parameters.get("RoleSessionName");
            respond(exchange, 200, "text/xml", """
                    <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleWithWebIdentityResult>
                        <SubjectFromWebIdentityToken>%s</SubjectFromWebIdentityToken>
                        <Audience>elevate-cli</Audience>
                        <AssumedRoleUser>
                          <Arn>%s</Arn>
                          <AssumedRoleId>AROAELEVATETEST:%s</AssumedRoleId>
                        </AssumedRoleUser>
                        <Credentials>
                          <SessionToken>%s</SessionToken>
                          <SecretAccessKey>%s</SecretAccessKey>
                          <Expiration>%s</Expiration>
                          <AccessKeyId>%s</AccessKeyId>
                        </Credentials>
                        <Provider>elevate-test</Provider>
                      </AssumeRoleWithWebIdentityResult>
                      <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
                    </AssumeRoleWithWebIdentityResponse>
                    """.formatted(sessionName, role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/"
                    + sessionName, sessionName, SESSION_TOKEN, SECRET_ACCESS_KEY, expiration, ACCESS_KEY_ID,
                    UUID.randomUUID()));
        }
    }

    /** What AWS would refuse, as "Code: message", or null. */
    private String stsProblem(Map<String, String> parameters) {
        if (!"AssumeRoleWithWebIdentity".equals(parameters.get("Action"))) {
            return "InvalidAction: Could not find operation " + parameters.get("Action");
        }
        if (!"2011-06-15".equals(parameters.get("Version"))) {
            return "InvalidParameterValue: Version " + parameters.get("Version");
        }
        String role = parameters.getOrDefault("RoleArn", "");
        if (!ROLE_ARN.matcher(role).matches()) {
            return "ValidationError: RoleArn " + role;
        }
        if (!SESSION_NAME.matcher(parameters.getOrDefault("RoleSessionName", "")).matches()) {
            return "ValidationError: RoleSessionName " + parameters.get("RoleSessionName");
        }
        int duration;
        try {
            duration = Integer.parseInt(parameters.getOrDefault("DurationSeconds", "3600"));
        } catch (NumberFormatException e) {
            return "ValidationError: DurationSeconds " + parameters.get("DurationSeconds");
        }
        if (duration < 900 || duration > ROLE_MAX_SESSION_SECONDS) {
            return "ValidationError: The requested DurationSeconds " + duration + " is outside 900.."
                    + ROLE_MAX_SESSION_SECONDS;
        }
        OidcProvider trusted = provider;
        if (trusted != null) {
            String problem = trusted.problem(parameters.getOrDefault("WebIdentityToken", ""));
            if (problem != null) {
                return problem;
            }
        }
        JsonNode claims = claims(parameters.getOrDefault("WebIdentityToken", ""));
        if (claims == null) {
            return "InvalidIdentityToken: the web identity token is not a JWT";
        }
        if (claims.path("exp").asLong(0) <= Instant.now().getEpochSecond()) {
            return "ExpiredTokenException: Token expired";
        }
        if (!"Bearer".equals(claims.path("typ").asText())) {
            return "InvalidIdentityToken: not an access token (typ " + claims.path("typ").asText() + ")";
        }
        JsonNode tags = claims.path(TAGS_CLAIM).path("principal_tags");
        if (!tags.isObject() || tags.isEmpty()) {
            return "AccessDenied: the token has no " + TAGS_CLAIM + " claim: no session tags, so the role's ABAC"
                    + " policy allows nothing";
        }
        for (JsonNode values : tags) {
            if (!values.isArray() || values.size() != 1 || !values.get(0).isTextual()) {
                return "InvalidIdentityToken: principal_tags values must be arrays of one string";
            }
        }
        return null;
    }

    private void federation(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> parameters = StubServer.decode(query == null ? "" : query);
            JsonNode session;
            try {
                session = JSON.readTree(parameters.getOrDefault("Session", ""));
            } catch (IOException e) {
                session = null;
            }
            synchronized (this) {
                federationCalls.add(new FederationCall(parameters, session));
            }
            int duration = parseInt(parameters.get("SessionDuration"));
            if (!"GET".equals(exchange.getRequestMethod()) || !"getSigninToken".equals(parameters.get("Action"))) {
                respond(exchange, 400, "text/plain", "Unsupported action");
            } else if (parameters.containsKey("SessionDuration") && (duration < 900 || duration > 43200)) {
                respond(exchange, 400, "text/plain", "SessionDuration must be 900 to 43200");
            } else if (session == null || !ACCESS_KEY_ID.equals(session.path("sessionId").asText())
                    || !SECRET_ACCESS_KEY.equals(session.path("sessionKey").asText())
                    || !SESSION_TOKEN.equals(session.path("sessionToken").asText())) {
                respond(exchange, 400, "text/plain", "Invalid session credentials");
            } else {
                respond(exchange, 200, "application/json", "{\"SigninToken\":\"" + SIGNIN_TOKEN + "\"}");
            }
        }
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String error(String code, String message) {
        return """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>
                """.formatted(code, message.replace("&", "&amp;").replace("<", "&lt;"), UUID.randomUUID());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type.toLowerCase(Locale.ROOT) + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
