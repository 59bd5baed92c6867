package io.elevate.aws;

import io.elevate.AwsPartition;

import java.util.Arrays;
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

    /** The regions of the partitions Elevate signs in to ({@link AwsPartition}), from the SDK's region metadata. */
    private static final Set<String> REGIONS = Arrays.stream(AwsPartition.values())
            .flatMap(partition -> partition.regions().stream())
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
                : Optional.of("must be a region of the aws, aws-us-gov or aws-cn partition, such as eu-west-1");
    }

    /** The accepted regions, sorted: the choices of a policy's region. */
    public static List<String> regions() {
        return REGIONS.stream().sorted().toList();
    }

    /** The partition of an accepted region: {@code aws}, {@code aws-us-gov} or {@code aws-cn}. */
    public static String partition(String region) {
        return AwsPartition.forRegion(region).id();
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
