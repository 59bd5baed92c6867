package io.elevate.testing.aws;

import io.elevate.testing.aws.AwsContractServer.Protocol;
import io.elevate.testing.aws.AwsContractServer.Reply;
import io.elevate.testing.aws.AwsContractServer.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Amazon SNS's {@code Publish} as the {@link AwsContractServer} serves it: checks the parameters as SNS does (a topic
 * ARN, a message, a subject of printable ASCII under 100 characters, FIFO topics with a message group) and answers as
 * SNS's API reference shows ({@code <PublishResponse><PublishResult><MessageId>} and
 * {@code <ResponseMetadata><RequestId>}). Every accepted message is kept as a {@link Message}.
 */
public final class SnsContract implements AwsContractServer.Handler {

    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]+");
    private static final Pattern SUBJECT = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,98}");

    /** One published message: its topic, subject, body, message attributes (name to string value) and region. */
    public record Message(String messageId, String topicArn, String subject, String message,
                          Map<String, String> attributes, String region, boolean signed) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    /** Serves SNS on {@code server}. */
    public static SnsContract on(AwsContractServer server) {
        SnsContract sns = new SnsContract();
        server.serve("sns", sns);
        return sns;
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public Reply handle(Request request) {
        if (!"Publish".equals(request.action())) {
            return Reply.error(Protocol.QUERY, 400, "InvalidAction", "The action " + request.action() + " is not valid");
        }
        String topic = request.param("TopicArn");
        String message = request.param("Message");
        String subject = request.param("Subject");
        if (topic == null || !TOPIC_ARN.matcher(topic).matches()) {
            return invalid("Invalid parameter: TopicArn");
        }
        if (message == null || message.isEmpty()) {
            return invalid("Empty message");
        }
        if (subject != null && !SUBJECT.matcher(subject).matches()) {
            return invalid("Subject must be ASCII text that begins with a letter, number, or punctuation mark; "
                    + "must not include line breaks or control characters; and must be less than 100 characters long");
        }
        if (topic.endsWith(".fifo") && request.param("MessageGroupId") == null) {
            return invalid("The MessageGroupId parameter is required for FIFO topics");
        }
        String id = UUID.randomUUID().toString();
        messages.add(new Message(id, topic, subject, message, attributes(request), request.region(),
                request.signed()));
        return Reply.xml("<PublishResponse xmlns=\"" + NAMESPACE + "\"><PublishResult><MessageId>" + id
                + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></PublishResponse>");
    }

    /** {@code MessageAttributes.entry.N.Name} and {@code .Value.StringValue}, as the query protocol sends them. */
    private static Map<String, String> attributes(Request request) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int n = 1; request.param("MessageAttributes.entry." + n + ".Name") != null; n++) {
            attributes.put(request.param("MessageAttributes.entry." + n + ".Name"),
                    request.param("MessageAttributes.entry." + n + ".Value.StringValue"));
        }
        return attributes;
    }

    private static Reply invalid(String message) {
        return Reply.error(Protocol.QUERY, 400, "InvalidParameter", message);
    }

    /** Messages so far, oldest first, for failure messages. */
    @Override
    public String toString() {
        return new ArrayList<>(messages).toString();
    }
}
