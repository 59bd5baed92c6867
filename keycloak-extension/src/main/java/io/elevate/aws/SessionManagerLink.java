package io.elevate.aws;

import io.elevate.AwsPartition;

/**
 * The AWS console deep link that opens a Session Manager shell on one instance right after sign-in, on the console host
 * of the region's partition ({@code console.aws.amazon.com}, {@code console.amazonaws-us-gov.com},
 * {@code console.amazonaws.cn}).
 */
public final class SessionManagerLink {

    private SessionManagerLink() {
    }

    public static String forInstance(String instanceId, String region) {
        return "https://" + AwsPartition.forRegion(region).consoleHost() + "/systems-manager/session-manager/" + instanceId + "?region=" + region;
    }
}
