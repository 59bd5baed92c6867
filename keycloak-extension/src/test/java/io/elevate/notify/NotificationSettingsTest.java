package io.elevate.notify;

import io.elevate.validation.Violation;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notification settings")
class NotificationSettingsTest {

    private static NotificationSettings.Result read(String key, String value) {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put(key, List.of(value));
        return NotificationSettings.read(config);
    }

    @Nested
    @DisplayName("given nothing")
    class Empty {

        @Test
        @DisplayName("then no channel is on and every kind is wanted")
        void off() {
            NotificationSettings settings = NotificationSettings.read(Map.of()).settings();

            assertThat(settings.snsTopicArn()).isNull();
            assertThat(settings.webhookUrl()).isNull();
            assertThat(settings.signingKey()).isNull();
            assertThat(Notice.Kind.values()).allSatisfy(k -> assertThat(settings.wants(k)).isTrue());
        }
    }

    @Nested
    @DisplayName("given an SNS topic")
    class Topics {

        @ParameterizedTest
        @ValueSource(strings = {"arn:aws:sns:eu-west-1:123456789012:elevate", "arn:aws:sns:us-east-2:123456789012:a.fifo",
                "arn:aws-us-gov:sns:us-gov-west-1:123456789012:ops_notices-1"})
        @DisplayName("then a topic ARN is taken, its region read from it")
        void valid(String arn) {
            NotificationSettings settings = read(NotificationSettings.SNS_TOPIC_ARN, arn).settings();

            assertThat(settings.snsTopicArn()).isEqualTo(arn);
            assertThat(NotificationSettings.regionOf(arn)).isEqualTo(arn.split(":")[3]);
        }

        @ParameterizedTest
        @ValueSource(strings = {"elevate", "arn:aws:sqs:eu-west-1:123456789012:q", "arn:aws:sns:eu-west-1:1234:t",
                "arn:aws:sns:eu-west-1:123456789012:", "arn:aws:sns:eu-west-1:123456789012:a b"})
        @DisplayName("then anything else is refused")
        void invalid(String arn) {
            assertThat(read(NotificationSettings.SNS_TOPIC_ARN, arn).violations()).extracting(Violation::field)
                    .containsExactly(NotificationSettings.SNS_TOPIC_ARN);
        }
    }

    @Nested
    @DisplayName("given a webhook URL")
    class Webhooks {

        @ParameterizedTest
        @ValueSource(strings = {"https://chat.example.com/hooks/T1/B2", "http://127.0.0.1:8081/hook",
                "http://localhost/hook"})
        @DisplayName("then https, or http to the loopback interface, is taken")
        void valid(String url) {
            assertThat(read(NotificationSettings.WEBHOOK_URL, url).settings().webhookUrl()).hasToString(url);
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://chat.example.com/hook", "ftp://example.com/x", "/relative",
                "https://user:pw@example.com/hook", "https://example.com/hook#x", "file:///etc/passwd", "not a url"})
        @DisplayName("then plain http elsewhere, other schemes, credentials and fragments are refused")
        void invalid(String url) {
            assertThat(read(NotificationSettings.WEBHOOK_URL, url).violations()).extracting(Violation::field)
                    .containsExactly(NotificationSettings.WEBHOOK_URL);
        }
    }

    @Nested
    @DisplayName("given a chosen set of notices")
    class Events {

        @Test
        @DisplayName("then only those are wanted, whether stored as a list or joined with ##")
        void chosen() {
            Map<String, List<String>> config = Map.of(NotificationSettings.EVENTS, List.of("BREAK_GLASS##REVOKED"));

            NotificationSettings settings = NotificationSettings.read(config).settings();

            assertThat(settings.wants(Notice.Kind.BREAK_GLASS)).isTrue();
            assertThat(settings.wants(Notice.Kind.REVOKED)).isTrue();
            assertThat(settings.wants(Notice.Kind.REQUESTED)).isFalse();
        }

        @Test
        @DisplayName("then an unknown kind is refused")
        void unknown() {
            assertThat(read(NotificationSettings.EVENTS, "EXPLODED").violations()).isNotEmpty();
        }
    }

    @Nested
    @DisplayName("given a signing key")
    class Keys {

        @Test
        @DisplayName("then an EC P-256 or RSA 2048 private JWK is taken")
        void valid() throws Exception {
            assertThat(read(NotificationSettings.SIGNING_KEY, new ECKeyGenerator(Curve.P_256).generate().toJSONString())
                    .settings().signingKey().algorithm().getName()).isEqualTo("ES256");
            assertThat(read(NotificationSettings.SIGNING_KEY, new RSAKeyGenerator(2048).generate().toJSONString())
                    .settings().signingKey().algorithm().getName()).isEqualTo("RS256");
        }

        @Test
        @DisplayName("then a generated key gets its thumbprint as kid and round-trips")
        void generated() {
            SigningKey key = SigningKey.generate();

            assertThat(key.keyId()).isNotBlank();
            assertThat(SigningKey.parse(key.toPrivateJson()).keyId()).isEqualTo(key.keyId());
            assertThat(key.publicJwks()).doesNotContain("\"d\"");
        }

        @Test
        @DisplayName("then a public key, another curve, a short RSA key or no JWK at all is refused")
        void invalid() throws Exception {
            assertThat(read(NotificationSettings.SIGNING_KEY,
                    new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString()).violations()).isNotEmpty();
            assertThat(read(NotificationSettings.SIGNING_KEY,
                    new ECKeyGenerator(Curve.P_384).generate().toJSONString()).violations()).isNotEmpty();
            assertThat(read(NotificationSettings.SIGNING_KEY,
                    new RSAKeyGenerator(1024, true).generate().toJSONString()).violations()).isNotEmpty();
            assertThat(read(NotificationSettings.SIGNING_KEY, "-----BEGIN PRIVATE KEY-----").violations())
                    .isNotEmpty();
        }
    }
}
