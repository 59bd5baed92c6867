package io.elevate.notify;

import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Publishes every notice to an Amazon SNS topic: the event as a JSON document ({@link NoticeJson}) for the message,
 * the email subject made fit for SNS for the subject, and {@code kind} and {@code realm} as message attributes (for
 * subscription filter policies). The SDK client retries throttling within its bounded attempts; what still fails is
 * logged, never thrown.
 */
final class SnsNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(SnsNotifier.class);
    /** SNS: "must be ASCII text ... must not include line breaks or control characters; less than 100 characters". */
    static final int MAX_SUBJECT = 99;

    private final Function<String, SnsClient> clients;
    private final String topicArn;
    private final String realm;

    /** @param clients the SNS client of a region ({@code AwsClients::sns}) */
    SnsNotifier(Function<String, SnsClient> clients, String topicArn, String realm) {
        this.clients = clients;
        this.topicArn = topicArn;
        this.realm = realm;
    }

    @Override
    public void send(Notice notice) {
        deliver(notice);
    }

    /** Publishes the notice; returns null once SNS took it, else what went wrong (logged). */
    String deliver(Notice notice) {
        try {
            Map<String, Object> event = NoticeJson.event(notice, realm);
            PublishRequest.Builder request = PublishRequest.builder().topicArn(topicArn)
                    .subject(subject(NoticeText.of(notice).subject()))
                    .message(NoticeJson.write(event))
                    .messageAttributes(Map.of(
                            "kind", attribute(notice.kind().name()),
                            "realm", attribute(realm)));
            if (topicArn.endsWith(".fifo")) {
                request.messageGroupId(notice.window().id()).messageDeduplicationId(UUID.randomUUID().toString());
            }
            String messageId = clients.apply(NotificationSettings.regionOf(topicArn)).publish(request.build())
                    .messageId();
            LOG.debugf("Published the %s notice for %s to %s as %s", notice.kind(), notice.window().id(), topicArn,
                    messageId);
            return null;
        } catch (AwsServiceException e) {
            String error = (e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode())
                    + ": " + e.getMessage();
            LOG.errorf("Could not publish the %s notice for %s to %s: %s (%s)", notice.kind(), notice.window().id(),
                    topicArn, e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode(),
                    e.getMessage());
            return error;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not publish the %s notice for %s to %s", notice.kind(), notice.window().id(),
                    topicArn);
            return e.toString();
        }
    }

    /** The subject as SNS takes it: printable ASCII only (others become '?'), one line, under 100 characters. */
    static String subject(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SUBJECT));
        for (int i = 0; i < text.length() && out.length() < MAX_SUBJECT; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            out.append(c >= 0x20 && c < 0x7f ? (char) c : Character.isWhitespace(c) ? ' ' : '?');
        }
        String subject = out.toString().trim();
        return subject.isEmpty() ? "Elevate notice" : subject;
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
