package io.elevate.notify;

import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.TestHttp;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.SnsContract;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices to Amazon SNS (the real AWS SDK in Keycloak, against the SNS contract) and to a signed webhook (a receiver in
 * this JVM), configured on the demo realm's "Elevate notifications" as an admin would, for a request made through the
 * elevation API. The settings are put back as they were at the end.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("SNS and webhook notifications")
class NotificationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:elevate-notices";
    private static final String JUSTIFICATION = "INC42: <script>alert(\"pwned\")</script> & 'quotes' → ünïcode";

    private static HttpServer receiver;
    private static final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private static final List<String> bodies = new CopyOnWriteArrayList<>();
    private static SnsContract sns;
    private static JsonNode original;
    private static String webhookUrl;

    @BeforeAll
    static void configure(KeycloakServer server, AdminApi admin) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/elevate", exchange -> {
            try (exchange) {
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/elevate";
        sns = SnsContract.on(server.aws());

        original = component(admin);
        ObjectNode changed = original.deepCopy();
        ObjectNode config = (ObjectNode) changed.path("config");
        config.set(NotificationSettings.SNS_TOPIC_ARN, JSON.valueToTree(List.of(TOPIC)));
        config.set(NotificationSettings.WEBHOOK_URL, JSON.valueToTree(List.of(webhookUrl)));
        admin.put(DEMO_REALM + "/components/" + original.path("id").asText(), changed).expectStatus(204);
    }

    @AfterAll
    static void restore(AdminApi admin) {
        if (original != null) {
            ObjectNode reset = original.deepCopy();
            ObjectNode config = (ObjectNode) reset.path("config");
            config.set(NotificationSettings.SNS_TOPIC_ARN, JSON.valueToTree(List.of()));
            config.set(NotificationSettings.WEBHOOK_URL, JSON.valueToTree(List.of()));
            admin.put(DEMO_REALM + "/components/" + original.path("id").asText(), reset).expectStatus(204);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @DisplayName("A request and its approval reach SNS and the webhook, signed, with user text carried as data")
    void requestAndApprovalReachSnsAndTheWebhook(KeycloakServer server, AdminApi admin) throws Exception {
        Elevations elevations = new Elevations(admin);
        PolicyAdmin policies = new PolicyAdmin(admin);
        String operators = policies.newGroup("operators");
        String approvers = policies.newGroup("approvers");
        String operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        String approver = elevations.newUser("appr");
        policies.addMember(elevations.userId(approver), approvers);
        String policy = policies.create("notified " + operators, PolicyAdmin.policy(operators, approvers));

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("policy", policy);
        request.put("instanceId", "i-0123456789abcdef0");
        request.put("justification", JUSTIFICATION);
        request.put("durationMinutes", 30);
        String id = as(server, operator).post("requests", request).expectStatus(201).body().path("id").asText();

        SnsContract.Message published = await(() -> sns.messages().stream()
                .filter(m -> m.message().contains(id) && m.message().contains("\"REQUESTED\"")).findFirst());
        assertThat(published.signed()).isTrue();
        assertThat(published.topicArn()).isEqualTo(TOPIC);
        assertThat(published.region()).isEqualTo("eu-west-1");
        assertThat(published.attributes()).containsEntry("kind", "REQUESTED").containsEntry("realm", DEMO_REALM);
        assertThat(published.subject()).startsWith("[Elevate] ").contains("asks for elevated AWS access");
        JsonNode event = JSON.readTree(published.message());
        assertThat(event.path("elevationId").asText()).isEqualTo(id);
        assertThat(event.path("requester").path("username").asText()).isEqualTo(operator);
        assertThat(event.path("justification").asText()).isEqualTo(JUSTIFICATION);
        assertThat(published.message()).doesNotContain("&lt;").contains("<script>");

        JWKSet keys = jwks(server);
        JsonNode signed = await(() -> verifiedPayloads(keys).stream()
                .filter(p -> id.equals(p.path("elevationId").asText()) && "REQUESTED".equals(p.path("kind").asText()))
                .findFirst());
        assertThat(contentTypes).contains("application/jose");
        assertThat(signed.path("iss").asText()).isEqualTo(server.realmUrl(DEMO_REALM));
        assertThat(signed.path("aud").asText()).isEqualTo(webhookUrl);
        assertThat(signed.path("jti").asText()).isNotBlank();
        assertThat(signed.path("iat").asLong()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(signed.path("justification").asText()).isEqualTo(JUSTIFICATION);
        assertThat(signed.path("target").path("instanceId").asText()).isEqualTo("i-0123456789abcdef0");

        // SNS throttles once: the SDK in Keycloak retries, and the approval still reaches both channels
        server.aws().fail("sns", "Publish", Fault.THROTTLE, 1);
        as(server, approver).post("requests/" + id + "/approve", Map.of("comment", "ok <b>go</b>")).expectStatus(200);

        SnsContract.Message approved = await(() -> sns.messages().stream()
                .filter(m -> m.message().contains(id) && m.message().contains("\"APPROVED\"")).findFirst());
        assertThat(JSON.readTree(approved.message()).path("comment").asText()).isEqualTo("ok <b>go</b>");
        assertThat(server.aws().requests("sns", "Publish")).extracting(AwsContractServer.Request::status).contains(400);
        JsonNode approval = await(() -> verifiedPayloads(keys).stream()
                .filter(p -> id.equals(p.path("elevationId").asText()) && "APPROVED".equals(p.path("kind").asText()))
                .findFirst());
        assertThat(approval.path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    @DisplayName("The JWKS is public, cacheable, and holds no private key")
    void jwksIsPublic(KeycloakServer server) throws Exception {
        HttpResponse<String> response = get(server.realmUrl(DEMO_REALM) + "/elevation/webhook/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age"));
        JWKSet set = JWKSet.parse(response.body());
        assertThat(set.getKeys()).singleElement().satisfies(k -> assertThat(k.isPrivate()).isFalse())
                .satisfies(k -> assertThat(k.getAlgorithm().getName()).isEqualTo("ES256"));
        assertThat(response.body()).doesNotContain("\"d\"");
    }

    @Test
    @DisplayName("The admin API shows the signing key masked and refuses a plain-http webhook and a bad topic")
    void settingsAreValidatedAndTheKeyMasked(AdminApi admin) {
        JsonNode current = component(admin);
        assertThat(current.path("config").path(NotificationSettings.SIGNING_KEY).get(0).asText()).isEqualTo("**********");

        ObjectNode bad = current.deepCopy();
        ((ObjectNode) bad.path("config")).set(NotificationSettings.WEBHOOK_URL,
                JSON.valueToTree(List.of("http://chat.example.com/hook")));
        ((ObjectNode) bad.path("config")).set(NotificationSettings.SNS_TOPIC_ARN, JSON.valueToTree(List.of("my-topic")));
        var refused = admin.put(DEMO_REALM + "/components/" + current.path("id").asText(), bad);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("https").contains("topic ARN");
        assertThat(component(admin).path("config").path(NotificationSettings.WEBHOOK_URL).get(0).asText())
                .isEqualTo(webhookUrl);
    }

    private static JsonNode component(AdminApi admin) {
        JsonNode all = admin.get(DEMO_REALM + "/components?type=" + PolicyAdmin.PAGE_PROVIDER_TYPE).expectStatus(200)
                .body();
        for (JsonNode component : all) {
            if ("elevate-notifications".equals(component.path("providerId").asText())) {
                return component;
            }
        }
        throw new AssertionError("the demo realm has no Elevate notifications component: " + all);
    }

    private static List<JsonNode> verifiedPayloads(JWKSet keys) {
        return bodies.stream().map(body -> {
            try {
                JWSObject jws = JWSObject.parse(body);
                JWK key = keys.getKeyByKeyId(jws.getHeader().getKeyID());
                if (key == null || !jws.verify(new ECDSAVerifier(key.toECKey()))) {
                    return null;
                }
                return JSON.readTree(jws.getPayload().toString());
            } catch (Exception e) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList();
    }

    private static JWKSet jwks(KeycloakServer server) throws Exception {
        return JWKSet.parse(get(server.realmUrl(DEMO_REALM) + "/elevation/webhook/jwks.json").body());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return TestHttp.client().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T await(Supplier<Optional<T>> what) {
        return Await.until("delivery", Duration.ofSeconds(20), what,
                () -> "SNS saw " + sns + ", the webhook got " + bodies.size() + " message(s)");
    }

    private static AdminApi as(KeycloakServer server, String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }
}
