package io.elevate.cli.aws;

import java.time.Instant;

/** Temporary AWS credentials, as STS returns them. */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId + ", expires " + expiration + "]";
    }
}
