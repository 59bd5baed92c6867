package io.elevate;

import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * ARNs of the one accepted AWS partition, built with the SDK's {@link Arn}: the commercial partition ({@code aws}), the
 * partition of the SDK's global commercial region, whose console and sign-in hosts Elevate targets. At the root of
 * Elevate's packages, since the window model names its role by ARN as much as the IAM artifacts do.
 */
public final class Arns {

    /** The partition, from the SDK's region metadata. */
    public static final PartitionMetadata PARTITION = PartitionMetadata.of(Region.AWS_GLOBAL);

    private Arns() {
    }

    /**
     * @param region    a region, {@code *}, or empty for global services and resources
     * @param accountId an account id, {@code *}, or empty for resources AWS owns
     */
    public static String of(String service, String region, String accountId, String resource) {
        return Arn.builder().partition(PARTITION.id()).service(service).region(region).accountId(accountId)
                .resource(resource).build().toString();
    }

    public static String role(String accountId, String roleName) {
        return of("iam", "", accountId, "role/" + roleName);
    }

    public static String samlProvider(String accountId, String samlProvider) {
        return of("iam", "", accountId, "saml-provider/" + samlProvider);
    }

    /** A regional service's endpoint host in the partition, such as {@code ssm.eu-west-1.amazonaws.com}. */
    public static String serviceHost(String service, String region) {
        return service + "." + region + "." + PARTITION.dnsSuffix();
    }
}
