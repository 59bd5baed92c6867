package io.elevate.cli.aws;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * The partition of a window's region, as the SDK's region metadata places it, with its sign-in and console hosts: the
 * role ARN, the federation endpoint and the console link follow it. STS itself is reached through the SDK, which
 * resolves the endpoint of the region's partition.
 */
enum AwsPartition {

    AWS("aws", "signin.aws.amazon.com", "console.aws.amazon.com"),
    AWS_US_GOV("aws-us-gov", "signin.amazonaws-us-gov.com", "console.amazonaws-us-gov.com"),
    AWS_CN("aws-cn", "signin.amazonaws.cn", "console.amazonaws.cn");

    private final String id;
    private final String signInHost;
    private final String consoleHost;

    AwsPartition(String id, String signInHost, String consoleHost) {
        this.id = id;
        this.signInHost = signInHost;
        this.consoleHost = consoleHost;
    }

    String id() {
        return id;
    }

    String federationEndpoint() {
        return "https://" + signInHost + "/federation";
    }

    String consoleHost() {
        return consoleHost;
    }

    /** The partition of a region; the commercial one for an empty or unknown region. */
    static AwsPartition of(String region) {
        if (region == null || region.isEmpty()) {
            return AWS;
        }
        RegionMetadata metadata = RegionMetadata.of(Region.of(region));
        String id = metadata == null ? "aws" : metadata.partition().id();
        for (AwsPartition partition : values()) {
            if (partition.id.equals(id)) {
                return partition;
            }
        }
        return AWS;
    }
}
