package io.elevate.cli.aws;

import picocli.CommandLine.Option;

/** The options of the commands that get AWS credentials: which role, where, through which STS endpoint. */
public final class AwsOptions {

    @Option(names = "--role-arn", paramLabel = "ARN", description = "The IAM role to assume (default: ELEVATE_ROLE_ARN,"
            + " role-arn in ~/.elevate/config, else the role of the open window).")
    String roleArn;

    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: ELEVATE_REGION, region"
            + " in ~/.elevate/config, else the window's region).")
    String region;

    @Option(names = "--sts-endpoint", paramLabel = "URL", description = "The STS endpoint, e.g. a VPC endpoint"
            + " (default: ELEVATE_STS_ENDPOINT, sts-endpoint in ~/.elevate/config, else AWS's regional endpoint).")
    String stsEndpoint;
}
