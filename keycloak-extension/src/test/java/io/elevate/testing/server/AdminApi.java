package io.elevate.testing.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.elevate.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Client of the Keycloak Admin REST API, signed in as the master-realm administrator with {@code admin-cli}.
 *
 * <p>Paths are relative to {@code /admin/realms/}, e.g. {@code get("elevate-demo/users?username=operator")}; query
 * parameters must already be URL-encoded. Failures to connect surface as unchecked exceptions.
 */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Renew the token this long before it expires; master-realm tokens live only 60 s by default. */
    private static final Duration TOKEN_RENEWAL_MARGIN = Duration.ofSeconds(10);

    private final String baseUrl;
    private final String tokenRealm;
    private final AdminCredentials credentials;
    private final String pathPrefix;
    private final String clientId;
    private final HttpClient http = TestHttp.builder().connectTimeout(TIMEOUT).build();
    private String accessToken;
    private Instant accessTokenRenewal = Instant.MIN;

    /** A client of the Keycloak at {@code baseUrl} (e.g. {@code http://localhost:8080}), signing in as {@code credentials}. */
    public AdminApi(String baseUrl, AdminCredentials credentials) {
        this(baseUrl, "master", credentials, "/admin/realms/", "admin-cli");
    }

    private AdminApi(String baseUrl, String tokenRealm, AdminCredentials credentials, String pathPrefix,
                     String clientId) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.tokenRealm = tokenRealm;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.pathPrefix = pathPrefix;
        this.clientId = clientId;
    }

    /**
     * The same client for a user of {@code realm}, whose paths are relative to {@code /realms/{realm}/elevation/}
     * (the elevation API), signed in with the password grant of {@link ApiTestClient#CLIENT_ID}: a client the harness
     * adds to the realm and to the realm's list of clients the API accepts tokens from.
     */
    public static AdminApi elevationApiAs(String baseUrl, String realm, String username, String password) {
        ApiTestClient.ensure(new AdminApi(baseUrl, AdminCredentials.DEFAULT), realm);
        return new AdminApi(baseUrl, realm, new AdminCredentials(username, password),
                "/realms/" + realm + "/elevation/", ApiTestClient.CLIENT_ID);
    }

    /** The Keycloak this client talks to, e.g. {@code http://localhost:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code GET /admin/realms/{path}}. */
    public JsonResponse get(String path) {
        return send("GET", path, null);
    }

    /** {@code POST /admin/realms/{path}} with {@code body} as JSON: a {@link String} is sent as is, anything else is serialised by Jackson. */
    public JsonResponse post(String path, Object body) {
        return send("POST", path, Objects.requireNonNull(body, "body"));
    }

    /** {@code PUT /admin/realms/{path}} with {@code body} as JSON, like {@link #post}. */
    public JsonResponse put(String path, Object body) {
        return send("PUT", path, Objects.requireNonNull(body, "body"));
    }

    /** {@code DELETE /admin/realms/{path}}. */
    public JsonResponse delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * Creates an enabled user with a verified e-mail, a complete profile and a permanent password, so that it can
     * sign in without required actions.
     *
     * @return the new user's id
     */
    public String createUser(String realm, String username, String password) {
        Map<String, Object> user = Map.of(
                "username", username,
                "enabled", true,
                "emailVerified", true,
                "firstName", username.substring(0, 1).toUpperCase(Locale.ROOT) + username.substring(1),
                "lastName", "Tester",
                "email", username + "@elevate.test",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        JsonResponse created = post(realm + "/users", user).expectStatus(201);
        String location = created.header("Location")
                .orElseThrow(() -> new AssertionError("User " + username + " created without a Location header"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The id of the user {@code username} of {@code realm}; fails if there is no such user. */
    public String userId(String realm, String username) {
        JsonNode users = get(realm + "/users?exact=true&username=" + URLEncoder.encode(username, UTF_8))
                .expectStatus(200)
                .body();
        if (users.size() != 1) {
            throw new AssertionError("Expected one user " + username + " in realm " + realm + " but found " + users);
        }
        return users.get(0).path("id").asText();
    }

    /** A valid admin access token, obtained anew with the password grant shortly before the previous one expires. */
    public synchronized String accessToken() {
        if (Instant.now().isBefore(accessTokenRenewal)) {
            return accessToken;
        }
        String form = "grant_type=password&client_id=" + URLEncoder.encode(clientId, UTF_8)
                + "&username=" + URLEncoder.encode(credentials.username(), UTF_8)
                + "&password=" + URLEncoder.encode(credentials.password(), UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + tokenRealm + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form))
                .build();
        Instant requested = Instant.now();
        JsonResponse token = exchange(request);
        if (token.status() != 200 || !token.body().hasNonNull("access_token")) {
            throw new IllegalStateException("Admin sign-in as " + credentials.username() + " failed: " + token);
        }
        accessToken = token.body().get("access_token").asText();
        accessTokenRenewal = requested
                .plusSeconds(token.body().path("expires_in").asLong())
                .minus(TOKEN_RENEWAL_MARGIN);
        return accessToken;
    }

    private JsonResponse send(String method, String path, Object body) {
        BodyPublisher content = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(toJson(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathPrefix + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken())
                .header("Accept", "application/json")
                .method(method, content);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    private JsonResponse exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
            return new JsonResponse(response.statusCode(), parse(response.body()), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static String toJson(Object body) {
        if (body instanceof String json) {
            return json;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + body.getClass().getName() + " to JSON", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(body);
        }
    }
}
