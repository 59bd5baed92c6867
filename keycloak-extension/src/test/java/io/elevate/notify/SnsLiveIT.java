package io.elevate.notify;

import io.elevate.aws.client.AwsClients;
import io.elevate.testing.aws.LiveAws;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishResponse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice published to a real SNS topic ({@code ./mvnw -Paws-live verify}): {@code ELEVATE_LIVE_TOPIC} names a topic
 * (its ARN) the credentials may publish to.
 */
@DisplayName("SNS notifications in a real AWS account")
class SnsLiveIT {

    @Test
    void publishesANoticeThatSnsAccepts() {
        LiveAws.assumeCredentials();
        String topic = LiveAws.require("ELEVATE_LIVE_TOPIC", "the ARN of an SNS topic the credentials may publish to");
        List<PublishResponse> accepted = new CopyOnWriteArrayList<>();
        try (AwsClients aws = new AwsClients(LiveAws.settings())) {
            new SnsNotifier(region -> recording(aws.sns(region), accepted), topic, "live-test")
                    .send(TestNotices.requested("Live Test"));
        }

        assertThat(accepted).as("SNS answered the Publish with a message id (errors are in the log)")
                .singleElement().satisfies(r -> assertThat(r.messageId()).isNotBlank());
    }

    /** The client, keeping what each publish answered. */
    private static SnsClient recording(SnsClient client, List<PublishResponse> answers) {
        return (SnsClient) Proxy.newProxyInstance(SnsClient.class.getClassLoader(), new Class<?>[] {SnsClient.class},
                (proxy, method, args) -> {
                    try {
                        Object answer = method.invoke(client, args);
                        if (answer instanceof PublishResponse published) {
                            answers.add(published);
                        }
                        return answer;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
