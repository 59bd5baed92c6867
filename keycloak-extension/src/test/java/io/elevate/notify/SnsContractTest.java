package io.elevate.notify;

import io.elevate.aws.client.AwsClients;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.SnsContract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The SNS notifier through the real AWS SDK against SNS's Publish contract: success and AWS's failures. */
@DisplayName("SNS notifications through the AWS SDK")
class SnsContractTest {

    private static final String TOPIC = "arn:aws:sns:eu-central-1:123456789012:elevate-notices";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsContractServer aws;
    private SnsContract sns;
    private AwsClients clients;
    private SnsNotifier notifier;

    @BeforeEach
    void start() {
        aws = AwsContractServer.start();
        sns = SnsContract.on(aws);
        clients = new AwsClients(aws.settings());
        notifier = new SnsNotifier(clients::sns, TOPIC, "demo");
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Nested
    @DisplayName("given SNS accepts the message")
    class Accepted {

        @Test
        @DisplayName("then one signed Publish carries the event as JSON, a subject and the kind")
        void publishesTheEvent() throws Exception {
            notifier.send(TestNotices.requested("Olga Operator"));

            assertThat(aws.requests("sns", "Publish")).singleElement()
                    .satisfies(r -> assertThat(r.signed()).isTrue())
                    .satisfies(r -> assertThat(r.region()).isEqualTo("eu-central-1"))
                    .satisfies(r -> assertThat(r.status()).isEqualTo(200));
            SnsContract.Message message = sns.messages().get(0);
            assertThat(message.topicArn()).isEqualTo(TOPIC);
            assertThat(message.subject()).isEqualTo("[Elevate] Olga Operator (operator) asks for elevated AWS access");
            assertThat(message.attributes()).containsEntry("kind", "REQUESTED").containsEntry("realm", "demo");
            JsonNode event = JSON.readTree(message.message());
            assertThat(event.path("kind").asText()).isEqualTo("REQUESTED");
            assertThat(event.path("elevationId").asText()).isEqualTo("e-1");
            assertThat(event.path("requester").path("username").asText()).isEqualTo("operator");
            assertThat(event.path("requester").has("email")).isFalse();
            assertThat(event.path("target").path("roleArn").asText())
                    .isEqualTo("arn:aws:iam::123456789012:role/ElevateSessionManager");
            assertThat(event.path("target").path("instanceId").asText()).isEqualTo("i-0123456789abcdef0");
            assertThat(event.path("target").path("tags").path("AppId").asText()).isEqualTo("ABC");
            assertThat(event.path("startsAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
            assertThat(event.path("endsAt").asText()).isEqualTo("2026-11-21T11:00:00Z");
            assertThat(event.path("justification").asText()).isEqualTo(TestNotices.JUSTIFICATION);
            assertThat(event.path("ticket").asText()).isEqualTo("INC42");
            assertThat(event.path("portalUrl").asText()).isEqualTo("https://sso.example.com/realms/demo/elevation/portal");
        }

        @Test
        @DisplayName("then a subject with non-ASCII text and line breaks is made fit for SNS")
        void sanitisesTheSubject() {
            notifier.send(TestNotices.requested("Zoë\nSøren " + "x".repeat(120)));

            assertThat(sns.messages()).singleElement().satisfies(m -> assertThat(m.subject())
                    .hasSizeLessThan(100).matches("[\\x21-\\x7e][\\x20-\\x7e]*").startsWith("[Elevate] Zo?\\x0aS?ren x"));
        }

        @Test
        @DisplayName("then a FIFO topic gets a message group")
        void fifoTopic() {
            new SnsNotifier(clients::sns, "arn:aws:sns:eu-west-1:123456789012:elevate.fifo", "demo")
                    .send(TestNotices.requested("Olga"));

            assertThat(aws.requests("sns", "Publish")).singleElement()
                    .satisfies(r -> assertThat(r.param("MessageGroupId")).isEqualTo("e-1"))
                    .satisfies(r -> assertThat(r.param("MessageDeduplicationId")).isNotBlank());
            assertThat(sns.messages()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("given SNS throttles")
    class Throttled {

        @Test
        @DisplayName("then the SDK retries and the third attempt delivers")
        void retriedUntilDelivered() {
            aws.fail("sns", "Publish", Fault.THROTTLE, 2);

            notifier.send(TestNotices.requested("Olga"));

            assertThat(aws.requests("sns", "Publish")).extracting(AwsContractServer.Request::status)
                    .containsExactly(400, 400, 200);
            assertThat(sns.messages()).hasSize(1);
        }

        @Test
        @DisplayName("then beyond the attempts it gives up without throwing")
        void givesUpAfterThreeAttempts() {
            aws.fail("sns", "Publish", Fault.THROTTLE, 5);

            assertThatCode(() -> notifier.send(TestNotices.requested("Olga"))).doesNotThrowAnyException();

            assertThat(aws.requests("sns", "Publish")).hasSize(3);
            assertThat(sns.messages()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given the credentials may not publish")
    class AccessDenied {

        @Test
        @DisplayName("then it is logged, not thrown, and not retried")
        void loggedNotThrown() {
            aws.fail("sns", "Publish", Fault.ACCESS_DENIED, 1);

            assertThatCode(() -> notifier.send(TestNotices.requested("Olga"))).doesNotThrowAnyException();

            assertThat(aws.requests("sns", "Publish")).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(403));
            assertThat(sns.messages()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given SNS does not answer")
    class Timeout {

        @Test
        @DisplayName("then the notifier returns within the call timeout, without throwing")
        void bounded() {
            aws.fail("sns", "Publish", Fault.TIMEOUT, 1);
            long start = System.nanoTime();

            assertThatCode(() -> notifier.send(TestNotices.requested("Olga"))).doesNotThrowAnyException();

            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_500L, 7_000L);
        }
    }

    @Nested
    @DisplayName("given one channel fails")
    class Composed {

        @Test
        @DisplayName("then the next notifier still gets the notice")
        void otherNotifiersStillRun() {
            aws.fail("sns", "Publish", Fault.ACCESS_DENIED, 1);
            java.util.List<Notice> seen = new java.util.ArrayList<>();
            Notifier broken = n -> {
                throw new IllegalStateException("broken channel");
            };

            Notifiers.all(broken, notifier, seen::add).send(TestNotices.requested("Olga"));

            assertThat(seen).hasSize(1);
            assertThat(aws.requests("sns", "Publish")).hasSize(1);
        }
    }
}
