package io.elevate.aws;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** Regions of the commercial {@code aws} partition, the one whose console and sign-in hosts Elevate targets. */
    private static final Set<String> REGIONS = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-north-1", "eu-south-1", "eu-south-2",
            "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1");

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
