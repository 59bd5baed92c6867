package io.elevate.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The webhook notifier against a receiver in this JVM that verifies what it gets as a chat or ticketing system would. */
@DisplayName("Signed webhook notifications")
class WebhookNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://sso.example.com/realms/demo";

    /** One delivery as the receiver saw it. */
    record Delivery(String contentType, String body) {
    }

    private HttpServer receiver;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private volatile long delayMillis;
    private URI url;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/elevate", exchange -> {
            try (exchange) {
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                if (status.get() / 100 == 3) {
                    exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
                }
                exchange.sendResponseHeaders(status.get(), -1);
            } catch (InterruptedException | IOException e) {
                // the client gave up
            }
        });
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
        url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/elevate");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private WebhookNotifier notifier(SigningKey key, Duration timeout) {
        return new WebhookNotifier(WebhookNotifier.client(), timeout, url, key, ISSUER, "demo", Clock.systemUTC());
    }

    @Nested
    @DisplayName("given a generated EC P-256 key")
    class Generated {

        private final SigningKey key = SigningKey.generate();

        @Test
        @DisplayName("then the receiver gets a compact JWS that verifies against the published JWKS")
        void verifiesAgainstTheJwks() throws Exception {
            notifier(key, Duration.ofSeconds(5)).send(TestNotices.requested("Olga Operator"));

            assertThat(deliveries).singleElement()
                    .satisfies(d -> assertThat(d.contentType()).isEqualTo("application/jose"));
            JWSObject jws = JWSObject.parse(deliveries.get(0).body());
            JWK published = JWKSet.parse(key.publicJwks()).getKeyByKeyId(jws.getHeader().getKeyID());
            assertThat(published).isInstanceOf(ECKey.class);
            assertThat(published.isPrivate()).isFalse();
            assertThat(jws.verify(new ECDSAVerifier(published.toECKey()))).isTrue();
            assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
            assertThat(jws.getHeader().getType().getType()).isEqualTo("elevate-notice+jwt");

            JsonNode payload = JSON.readTree(jws.getPayload().toString());
            assertThat(payload.path("iss").asText()).isEqualTo(ISSUER);
            assertThat(payload.path("aud").asText()).isEqualTo(url.toString());
            assertThat(payload.path("jti").asText()).isNotBlank();
            assertThat(payload.path("exp").asLong() - payload.path("iat").asLong()).isEqualTo(600);
            assertThat(payload.path("kind").asText()).isEqualTo("REQUESTED");
            assertThat(payload.path("elevationId").asText()).isEqualTo("e-1");
            assertThat(payload.path("justification").asText()).isEqualTo(TestNotices.JUSTIFICATION);
        }

        @Test
        @DisplayName("then a message signed by another key does not verify")
        void anotherKeyDoesNotVerify() throws Exception {
            notifier(SigningKey.generate(), Duration.ofSeconds(5)).send(TestNotices.requested("Olga"));

            JWSObject jws = JWSObject.parse(deliveries.get(0).body());
            ECKey ours = JWKSet.parse(key.publicJwks()).getKeys().get(0).toECKey();
            assertThat(jws.verify(new ECDSAVerifier(ours))).isFalse();
        }

        @Test
        @DisplayName("then every delivery has its own jti")
        void uniqueJti() throws Exception {
            WebhookNotifier notifier = notifier(key, Duration.ofSeconds(5));
            notifier.send(TestNotices.requested("Olga"));
            notifier.send(TestNotices.requested("Olga"));

            assertThat(deliveries).hasSize(2);
            String first = JSON.readTree(JWSObject.parse(deliveries.get(0).body()).getPayload().toString())
                    .path("jti").asText();
            String second = JSON.readTree(JWSObject.parse(deliveries.get(1).body()).getPayload().toString())
                    .path("jti").asText();
            assertThat(first).isNotEqualTo(second);
        }
    }

    @Nested
    @DisplayName("given an administrator's RSA key")
    class SuppliedRsa {

        @Test
        @DisplayName("then messages are RS256 and verify against the published public key")
        void rs256() throws Exception {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("ops-2026").generate();
            SigningKey key = SigningKey.parse(rsa.toJSONString());

            notifier(key, Duration.ofSeconds(5)).send(TestNotices.requested("Olga"));

            JWSObject jws = JWSObject.parse(deliveries.get(0).body());
            assertThat(jws.getHeader().getKeyID()).isEqualTo("ops-2026");
            assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
            RSAKey published = JWKSet.parse(key.publicJwks()).getKeyByKeyId("ops-2026").toRSAKey();
            assertThat(published.isPrivate()).isFalse();
            assertThat(jws.verify(new RSASSAVerifier(published))).isTrue();
        }
    }

    @Nested
    @DisplayName("given the receiver misbehaves")
    class Failures {

        private final SigningKey key = SigningKey.generate();

        @Test
        @DisplayName("then an error status is logged, not thrown, and not retried")
        void errorStatus() {
            status.set(500);

            assertThatCode(() -> notifier(key, Duration.ofSeconds(5)).send(TestNotices.requested("Olga")))
                    .doesNotThrowAnyException();
            assertThat(deliveries).hasSize(1);
        }

        @Test
        @DisplayName("then a redirect is not followed")
        void noRedirects() {
            status.set(307);

            assertThatCode(() -> notifier(key, Duration.ofSeconds(5)).send(TestNotices.requested("Olga")))
                    .doesNotThrowAnyException();
            assertThat(deliveries).hasSize(1);
        }

        @Test
        @DisplayName("then a receiver that does not answer in time is given up on")
        void timeout() {
            delayMillis = 5_000;
            long start = System.nanoTime();

            assertThatCode(() -> notifier(key, Duration.ofMillis(500)).send(TestNotices.requested("Olga")))
                    .doesNotThrowAnyException();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000L);
        }

        @Test
        @DisplayName("then an unreachable receiver is logged, not thrown")
        void unreachable() {
            receiver.stop(0);

            assertThatCode(() -> notifier(key, Duration.ofSeconds(2)).send(TestNotices.requested("Olga")))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    @DisplayName("The production client connects within 5 s, never follows redirects, and answers count within 10 s")
    void productionBounds() {
        assertThat(WebhookNotifier.client().connectTimeout()).contains(Duration.ofSeconds(5));
        assertThat(WebhookNotifier.client().followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
        assertThat(WebhookNotifier.REQUEST_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }
}
