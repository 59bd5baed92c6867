package io.elevate.testing.aws;

import io.elevate.aws.client.AwsSettings;

import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Duration;
import java.util.Map;

/**
 * The opt-in live tests ({@code ./mvnw -Paws-live verify}): the same AWS calls as the contract tests, against a real
 * account, with the credentials the SDK's default chain finds (environment, profile, SSO, instance role). Without
 * credentials, or without the resource a test needs named in the environment, a test is skipped and says why.
 */
public final class LiveAws {

    private LiveAws() {
    }

    /** Skips the calling test unless the SDK's default chain finds credentials. */
    public static void assumeCredentials() {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            chain.resolveCredentials();
        } catch (SdkClientException e) {
            Assumptions.abort("No AWS credentials: the aws-live profile runs against a real account with the "
                    + "credentials the AWS SDK's default chain finds (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...); skipped. "
                    + "See docs/aws.md, 'Live tests against a real account'.");
        }
    }

    /** The value of an environment variable naming a resource of the account, or a skip saying what to set. */
    public static String require(String variable, String what) {
        String value = System.getenv(variable);
        Assumptions.assumeTrue(value != null && !value.isBlank(),
                () -> variable + " is not set (" + what + "); skipped");
        return value.trim();
    }

    /** AWS's own endpoints in {@code ELEVATE_LIVE_REGION} (default us-east-1), with the production timeouts. */
    public static AwsSettings settings() {
        String region = System.getenv().getOrDefault("ELEVATE_LIVE_REGION", AwsSettings.DEFAULT_REGION);
        return new AwsSettings(true, region, Map.of(), null, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(20), 3);
    }
}
