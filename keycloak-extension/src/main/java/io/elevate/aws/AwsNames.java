package io.elevate.aws;

import io.elevate.Arns;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * AWS identifier rules for the parts of an elevation target: account, IAM role, SAML provider, region, EC2 instance.
 * Each check returns the reason the value is refused, or empty when it is valid.
 */
public final class AwsNames {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");
    private static final Pattern SAML_PROVIDER = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern INSTANCE_ID = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{2,64}");

    /**
     * The commercial partition ({@code aws}), the one whose console and sign-in hosts Elevate targets: the partition of
     * the SDK's global commercial region. Other partitions are not accepted.
     */
    static final PartitionMetadata PARTITION = Arns.PARTITION;

    /** The regions of {@link #PARTITION}, from the SDK's region metadata (global pseudo-regions left out). */
    private static final Set<String> REGIONS = Region.regions().stream()
            .filter(region -> !region.isGlobalRegion())
            .filter(region -> {
                RegionMetadata metadata = RegionMetadata.of(region);
                return metadata != null && metadata.partition().id().equals(PARTITION.id());
            })
            .map(Region::id)
            .collect(Collectors.toUnmodifiableSet());

    private AwsNames() {
    }

    public static Optional<String> checkAccountId(String value) {
        return matches(ACCOUNT_ID, value) ? Optional.empty() : Optional.of("must be a 12-digit AWS account id");
    }

    public static Optional<String> checkRoleName(String value) {
        return matches(ROLE_NAME, value) ? Optional.empty()
                : Optional.of("must be an IAM role name: 1 to 64 characters of letters, digits and _+=,.@-");
    }

    public static Optional<String> checkSamlProvider(String value) {
        return matches(SAML_PROVIDER, value) ? Optional.empty()
                : Optional.of("must be an IAM SAML provider name: 1 to 128 characters of letters, digits and _.-");
    }

    public static Optional<String> checkRegion(String value) {
        return value != null && REGIONS.contains(value) ? Optional.empty()
                : Optional.of("must be a region of the commercial AWS partition, such as eu-west-1");
    }

    /** The accepted regions, sorted: the choices of a policy's region. */
    public static List<String> regions() {
        return REGIONS.stream().sorted().toList();
    }

    /** The id of the only accepted partition, as ARNs name it: {@code aws}. */
    public static String partition() {
        return PARTITION.id();
    }

    /** The DNS suffix of the partition's service endpoints: {@code amazonaws.com}. */
    public static String dnsSuffix() {
        return PARTITION.dnsSuffix();
    }

    public static Optional<String> checkInstanceId(String value) {
        return matches(INSTANCE_ID, value) ? Optional.empty()
                : Optional.of("must be an EC2 instance id: i- followed by 8 or 17 lowercase hex digits");
    }

    /** RoleSessionName and SourceIdentity share this rule; SourceIdentity must also not start with {@code aws:}. */
    public static Optional<String> checkSessionName(String value) {
        if (!matches(SESSION_NAME, value)) {
            return Optional.of("must be 2 to 64 characters of letters, digits and _+=,.@-");
        }
        return value.regionMatches(true, 0, "aws:", 0, 4) ? Optional.of("must not start with aws:") : Optional.empty();
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
