package io.elevate.aws.client;

/** The AWS services Elevate calls, each with the server option that overrides its endpoint. */
public enum AwsService {
    /** Revocation deny policies on target roles (global). */
    IAM("iamEndpoint"),
    /** Instance tags: {@code DescribeInstances}. */
    EC2("ec2Endpoint"),
    /** Instance tags for large estates: AWS Config {@code SelectResourceConfig}. */
    CONFIG("configEndpoint"),
    /** Notifications: {@code Publish} to a topic. */
    SNS("snsEndpoint"),
    /** Break-glass OS credential: Run Command and Parameter Store. */
    SSM("ssmEndpoint");

    private final String endpointOption;

    AwsService(String endpointOption) {
        this.endpointOption = endpointOption;
    }

    /** The {@code Config.Scope} key of the endpoint override ({@code --spi-elevate-aws--default--ec2-endpoint}). */
    public String endpointOption() {
        return endpointOption;
    }
}
