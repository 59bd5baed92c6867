package io.elevate;

import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS partitions Elevate signs in to, with what each names differently: ARN partition, SAML sign-in host and
 * audience, console host. Regions and the service DNS suffix come from the SDK's region metadata. At the root of the
 * packages, since the window model names its role by ARN as much as the IAM artifacts and the sign-in do.
 *
 * <p>Sources: AWS GovCloud (US) User Guide "IAM in AWS GovCloud (US)" (ACS URL
 * {@code https://signin.amazonaws-us-gov.com/saml}, SAML audience {@code urn:amazon:webservices:govcloud}); the IAM
 * User Guide "Configure your SAML 2.0 IdP with relying party trust" and its China edition (the sign-in endpoint, its
 * regional form, {@code /saml/acs/<IdP-ID>}); "ARNs for Amazon Web Services in China" ({@code arn:aws-cn}). China's
 * audience {@code urn:amazon:webservices:cn-north-1} is the entity id of its SP metadata
 * ({@code https://signin.amazonaws.cn/static/saml-metadata.xml}), which AWS China's pages do not print; the console
 * hosts are not on an AWS documentation page either (see docs/aws.md).
 */
public enum AwsPartition {

    AWS("aws", "signin.aws.amazon.com", "urn:amazon:webservices", "console.aws.amazon.com"),
    AWS_US_GOV("aws-us-gov", "signin.amazonaws-us-gov.com", "urn:amazon:webservices:govcloud",
            "console.amazonaws-us-gov.com"),
    AWS_CN("aws-cn", "signin.amazonaws.cn", "urn:amazon:webservices:cn-north-1", "console.amazonaws.cn");

    /** {@code /saml}, or {@code /saml/acs/<IdP-ID>} for an IAM SAML provider that requires encrypted assertions. */
    private static final Pattern SAML_PATH = Pattern.compile("/saml(/acs/([A-Za-z0-9_-]{1,64}))?");
    private static final Pattern REGION_LABEL = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    private final String id;
    private final String signInHost;
    private final String samlAudience;
    private final String consoleHost;

    AwsPartition(String id, String signInHost, String samlAudience, String consoleHost) {
        this.id = id;
        this.signInHost = signInHost;
        this.samlAudience = samlAudience;
        this.consoleHost = consoleHost;
    }

    /** The partition as ARNs name it: {@code aws}, {@code aws-us-gov}, {@code aws-cn}. */
    public String id() {
        return id;
    }

    /** The SAML audience AWS expects (the SAML client's id in Keycloak). */
    public String samlAudience() {
        return samlAudience;
    }

    public String consoleHost() {
        return consoleHost;
    }

    /** The DNS suffix of the partition's service endpoints, from the SDK: {@code amazonaws.com}, {@code amazonaws.com.cn}. */
    public String dnsSuffix() {
        return PartitionMetadata.of(id).dnsSuffix();
    }

    /** The non-regional SAML sign-in endpoint, such as {@code https://signin.aws.amazon.com/saml}. */
    public String samlEndpoint() {
        return "https://" + signInHost + "/saml";
    }

    /** The regional SAML sign-in endpoint, such as {@code https://eu-west-1.signin.aws.amazon.com/saml}. */
    public String regionalSamlEndpoint(String region) {
        return "https://" + region + "." + signInHost + "/saml";
    }

    /** The federation endpoint that turns temporary credentials into a console sign-in token. */
    public String federationEndpoint() {
        return "https://" + signInHost + "/federation";
    }

    /** The console hosts a RelayState may point at: the console host and its regional subdomains. */
    public List<String> consoleHosts() {
        return List.of(consoleHost, "*." + consoleHost);
    }

    /** The regions of the partition, from the SDK (global pseudo-regions left out), sorted. */
    public List<String> regions() {
        return Regions.BY_PARTITION.get(this);
    }

    public static Optional<AwsPartition> ofId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** The partition of a region the SDK knows, or empty for anything else. */
    public static Optional<AwsPartition> ofRegion(String region) {
        return region == null ? Optional.empty() : Optional.ofNullable(Regions.PARTITION_OF.get(region));
    }

    /** The partition of a region, the commercial one for a region the SDK does not know (never for a target Elevate accepted). */
    public static AwsPartition forRegion(String region) {
        return ofRegion(region).orElse(AWS);
    }

    /**
     * The partition of an AWS SAML sign-in endpoint: https, a partition's sign-in host or a region of that partition
     * in front of it, path {@code /saml} or {@code /saml/acs/<IdP-ID>}, nothing else. Empty for any other URL.
     */
    public static Optional<AwsPartition> ofSamlEndpoint(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getPort() != -1 || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() == null || !SAML_PATH.matcher(uri.getRawPath()).matches()) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        for (AwsPartition partition : values()) {
            if (host.equals(partition.signInHost)) {
                return Optional.of(partition);
            }
            if (host.endsWith("." + partition.signInHost)) {
                String region = host.substring(0, host.length() - partition.signInHost.length() - 1);
                if (REGION_LABEL.matcher(region).matches() && Regions.PARTITION_OF.get(region) == partition) {
                    return Optional.of(partition);
                }
            }
        }
        return Optional.empty();
    }

    /** The IdP id an endpoint of the form {@code .../saml/acs/<IdP-ID>} carries, if any. */
    public static Optional<String> idpId(String samlEndpoint) {
        Matcher matcher = SAML_PATH.matcher(URI.create(samlEndpoint).getRawPath());
        return matcher.matches() ? Optional.ofNullable(matcher.group(2)) : Optional.empty();
    }

    /**
     * The SDK's regions by partition, read once: the sign-in asks for a region's partition several times per assertion
     * (ARNs, the endpoint check), and the SDK's region list is the same for the life of the server.
     */
    private static final class Regions {

        static final Map<AwsPartition, List<String>> BY_PARTITION;
        static final Map<String, AwsPartition> PARTITION_OF;

        static {
            Map<AwsPartition, List<String>> byPartition = new EnumMap<>(AwsPartition.class);
            Map<String, AwsPartition> partitionOf = new HashMap<>();
            for (AwsPartition partition : values()) {
                List<String> regions = Region.regions().stream()
                        .filter(region -> !region.isGlobalRegion())
                        .filter(region -> {
                            RegionMetadata metadata = RegionMetadata.of(region);
                            return metadata != null && metadata.partition().id().equals(partition.id);
                        })
                        .map(Region::id).sorted().toList();
                byPartition.put(partition, regions);
                regions.forEach(region -> partitionOf.put(region, partition));
            }
            BY_PARTITION = Collections.unmodifiableMap(byPartition);
            PARTITION_OF = Map.copyOf(partitionOf);
        }

        private Regions() {
        }
    }
}
