package io.elevate.aws.client;

import org.keycloak.Config;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How this server reaches AWS: whether it does at all, the region of calls that name none, endpoint overrides (VPC
 * endpoints, or a test's contract server), the account its credentials belong to, and bounded timeouts. Credentials
 * always come from the SDK's default chain (environment, system properties, web identity, profile, container or
 * instance role); Elevate never stores AWS keys.
 *
 * <p>Per server only, on purpose: a realm administrator must not be able to point the server's AWS credentials at an
 * endpoint of their choosing. Calls about a target use the target's region.
 */
public record AwsSettings(boolean enabled, String defaultRegion, Map<AwsService, URI> endpoints, String accountId,
                          Duration connectTimeout, Duration socketTimeout, Duration callTimeout, int maxAttempts) {

    public static final String DEFAULT_REGION = "us-east-1";

    public AwsSettings {
        endpoints = Map.copyOf(endpoints);
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("elevate-aws max-attempts must be 1 to 10, not " + maxAttempts);
        }
    }

    /** Off: nothing is sent to AWS. */
    public static AwsSettings disabled() {
        return new AwsSettings(false, DEFAULT_REGION, Map.of(), null, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(20), 3);
    }

    static AwsSettings from(Config.Scope config) {
        Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
        for (AwsService service : AwsService.values()) {
            String value = blankToNull(config.get(service.endpointOption()));
            if (value == null) {
                // Keycloak turns "iamEndpoint" into iam-endpoint, but puts no dash after a digit: "ec2Endpoint" would
                // only be found as --...--ec2Endpoint, so ask for the documented ec2-endpoint by its own name too.
                value = blankToNull(config.get(dashed(service.endpointOption())));
            }
            if (value != null) {
                endpoints.put(service, endpoint(service, value));
            }
        }
        String region = blankToNull(config.get("region"));
        return new AwsSettings(config.getBoolean("enabled", false), region == null ? DEFAULT_REGION : region,
                endpoints, blankToNull(config.get("accountId")),
                Duration.ofMillis(positive(config, "connectTimeoutMillis", 5_000)),
                Duration.ofMillis(positive(config, "socketTimeoutMillis", 10_000)),
                Duration.ofMillis(positive(config, "callTimeoutMillis", 20_000)),
                (int) positive(config, "maxAttempts", 3));
    }

    /** The endpoint override of a service, or null for AWS's own endpoint of the region. */
    public URI endpoint(AwsService service) {
        return endpoints.get(service);
    }

    private static URI endpoint(AwsService service, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("elevate-aws " + service.endpointOption() + " is not a URL: " + value, e);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("elevate-aws " + service.endpointOption()
                    + " must be an http(s) URL, not " + value);
        }
        return uri;
    }

    private static long positive(Config.Scope config, String key, long fallback) {
        long value = config.getLong(key, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("elevate-aws " + key + " must be at least 1, not " + value);
        }
        return value;
    }

    /** {@code ec2Endpoint} → {@code ec2-endpoint}. */
    static String dashed(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
