package io.elevate.notify;

import io.elevate.validation.Violation;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import software.amazon.awssdk.arns.Arn;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A realm's notification channels besides email, as the realm component of the admin console page
 * "Elevate notifications" stores them: an SNS topic, a webhook URL, which kinds of notice they get, the issuer the
 * webhook's JWS names, and the webhook's private signing key (a JWK; Elevate generates an EC P-256 key when none is
 * given).
 *
 * @param snsTopicArn the topic, or null for no SNS
 * @param webhookUrl  the receiver, or null for no webhook
 * @param events      the kinds of notice SNS and the webhook get (every kind when none is chosen)
 * @param issuer      the {@code iss} of webhook messages, or null to use the realm URL of the request at hand
 * @param signingKey  the private JWK the webhook is signed with, or null before one is generated
 * @param chat        Slack and Teams ({@link ChatSettings})
 */
public record NotificationSettings(String snsTopicArn, URI webhookUrl, Set<Notice.Kind> events, String issuer,
                                   SigningKey signingKey, ChatSettings chat) {

    public static final String SNS_TOPIC_ARN = "snsTopicArn";
    public static final String WEBHOOK_URL = "webhookUrl";
    public static final String EVENTS = "events";
    public static final String ISSUER = "issuer";
    public static final String SIGNING_KEY = "webhookSigningKey";

    /** Standard, FIFO and GovCloud/China partitions; the region is the fourth field. */
    private static final Pattern TOPIC_ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:sns:([a-z]{2}(-[a-z]+)+-\\d):\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    public static final NotificationSettings NONE = new NotificationSettings(null, null,
            EnumSet.allOf(Notice.Kind.class), null, null, ChatSettings.NONE);

    public NotificationSettings {
        events = events.isEmpty() ? EnumSet.allOf(Notice.Kind.class) : EnumSet.copyOf(events);
    }

    /** Settings without chat. */
    public NotificationSettings(String snsTopicArn, URI webhookUrl, Set<Notice.Kind> events, String issuer,
                                SigningKey signingKey) {
        this(snsTopicArn, webhookUrl, events, issuer, signingKey, ChatSettings.NONE);
    }

    /** The settings, or every rule they break. */
    public record Result(NotificationSettings settings, List<Violation> violations) {
    }

    public boolean wants(Notice.Kind kind) {
        return events.contains(kind);
    }

    /** The region of the topic: SNS is called there. */
    public static String regionOf(String topicArn) {
        return Arn.fromString(topicArn).region().orElseThrow();
    }

    public static Result read(Map<String, List<String>> config) {
        List<Violation> violations = new ArrayList<>();
        String topic = first(config, SNS_TOPIC_ARN);
        if (topic != null && !TOPIC_ARN.matcher(topic).matches()) {
            violations.add(Violation.of(SNS_TOPIC_ARN, "must be an SNS topic ARN such as "
                    + "arn:aws:sns:eu-west-1:123456789012:elevate-notices"));
        }
        URI webhook = null;
        String url = first(config, WEBHOOK_URL);
        if (url != null) {
            try {
                webhook = WebhookUrls.check(url);
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of(WEBHOOK_URL, e.getMessage()));
            }
        }
        Set<Notice.Kind> events = EnumSet.noneOf(Notice.Kind.class);
        for (String value : config.getOrDefault(EVENTS, List.of())) {
            for (String name : value.split("##")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    events.add(Notice.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    violations.add(Violation.of(EVENTS, name + " is not one of " + Arrays.toString(Notice.Kind.values())));
                }
            }
        }
        String issuer = first(config, ISSUER);
        if (issuer != null && !issuer.startsWith("https://") && !issuer.startsWith("http://")) {
            violations.add(Violation.of(ISSUER, "must be a URL (the realm's, e.g. https://sso.example.com/realms/ops)"));
        }
        SigningKey key = null;
        String jwk = first(config, SIGNING_KEY);
        if (jwk != null) {
            try {
                key = SigningKey.parse(jwk);
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of(SIGNING_KEY, e.getMessage()));
            }
        }
        ChatSettings chat = ChatSettings.read(config, violations);
        return new Result(violations.isEmpty() ? new NotificationSettings(blankToNull(topic), webhook, events,
                issuer, key, chat) : null, violations);
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SNS_TOPIC_ARN).label("SNS topic ARN").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Publish every notice to this Amazon SNS topic (its region is taken from the ARN), with "
                        + "the server's AWS credentials. Needs --spi-elevate-aws--default--enabled=true. Empty: off.")
                .add()
                .property().name(WEBHOOK_URL).label("Webhook URL").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("POST every notice to this https URL as a JWS (application/jose) signed with the key "
                        + "below; receivers verify it with /realms/{realm}/elevation/webhook/jwks.json. Empty: off.")
                .add()
                .property().name(EVENTS).label("Notices").type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE)
                .options(Arrays.stream(Notice.Kind.values()).map(Enum::name).toList())
                .helpText("Which notices SNS, the webhook, Slack and Teams get. None chosen: all of them (as email).").add()
                .property().name(ISSUER).label("Issuer (iss)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The iss of webhook messages. Empty: the realm's public URL, filled in when saved.").add()
                .property().name(SIGNING_KEY).label("Webhook signing key (private JWK)")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("A private JWK, EC P-256 (ES256) or RSA of 2048 bits or more (RS256). Empty: Elevate "
                        + "generates an EC P-256 key when saved; clear it to rotate.").add()
                .build();
    }

    static List<ProviderConfigProperty> allProperties() {
        List<ProviderConfigProperty> all = new ArrayList<>(properties());
        all.addAll(ChatSettings.properties());
        return all;
    }

    /** The first value under {@code key}, trimmed; null when absent or blank. */
    static String first(Map<String, List<String>> config, String key) {
        List<String> values = config.get(key);
        return values == null || values.isEmpty() ? null : blankToNull(values.get(0));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
