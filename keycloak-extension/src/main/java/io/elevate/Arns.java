package io.elevate;

import software.amazon.awssdk.arns.Arn;

/**
 * ARNs built with the SDK's {@link Arn}, in one of the partitions of {@link AwsPartition}: the commercial partition
 * ({@code aws}) unless a partition or a region of another partition is given. At the root of Elevate's packages, since
 * the window model names its role by ARN as much as the IAM artifacts do.
 */
public final class Arns {

    private Arns() {
    }

    /**
     * An ARN in the partition of its region: the commercial partition when the region is {@code *} or empty (pass the
     * partition explicitly for those in another partition).
     *
     * @param region    a region, {@code *}, or empty for global services and resources
     * @param accountId an account id, {@code *}, or empty for resources AWS owns
     */
    public static String of(String service, String region, String accountId, String resource) {
        return of(AwsPartition.forRegion(region), service, region, accountId, resource);
    }

    public static String of(AwsPartition partition, String service, String region, String accountId, String resource) {
        return Arn.builder().partition(partition.id()).service(service).region(region).accountId(accountId)
                .resource(resource).build().toString();
    }

    public static String role(AwsPartition partition, String accountId, String roleName) {
        return of(partition, "iam", "", accountId, "role/" + roleName);
    }

    public static String samlProvider(AwsPartition partition, String accountId, String samlProvider) {
        return of(partition, "iam", "", accountId, "saml-provider/" + samlProvider);
    }

    /** A regional service's endpoint host in the region's partition, such as {@code ssm.eu-west-1.amazonaws.com}. */
    public static String serviceHost(String service, String region) {
        return service + "." + region + "." + AwsPartition.forRegion(region).dnsSuffix();
    }
}
