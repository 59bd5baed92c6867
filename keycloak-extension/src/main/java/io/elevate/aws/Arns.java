package io.elevate.aws;

import software.amazon.awssdk.arns.Arn;

/** ARNs of the accepted partition ({@link AwsNames#partition()}), built with the SDK's {@link Arn}. */
public final class Arns {

    private Arns() {
    }

    /**
     * @param region    a region, {@code *}, or empty for global services and resources
     * @param accountId an account id, {@code *}, or empty for resources AWS owns
     */
    public static String of(String service, String region, String accountId, String resource) {
        return Arn.builder().partition(AwsNames.partition()).service(service).region(region).accountId(accountId)
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
        return service + "." + region + "." + AwsNames.dnsSuffix();
    }
}
