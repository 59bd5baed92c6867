package io.elevate.revoke;

import io.elevate.aws.iam.RevocationPolicy;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.net.URI;
import java.time.Duration;

/**
 * IAM through the AWS SDK for Java v2: the global endpoint (or an override), credentials from the SDK's default chain
 * (environment, system properties, profile, container or instance role), the JDK's HttpURLConnection with bounded
 * timeouts, and no SDK retries: the outbox retries with its own backoff.
 */
final class AwsRolePolicies implements RolePolicies, AutoCloseable {

    private final IamClient iam;

    AwsRolePolicies(String endpointOverride) {
        IamClientBuilder builder = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(20))
                        .apiCallAttemptTimeout(Duration.ofSeconds(15)));
        if (endpointOverride != null && !endpointOverride.isBlank()) {
            builder.endpointOverride(URI.create(endpointOverride.trim()));
        }
        this.iam = builder.build();
    }

    @Override
    public void put(RevocationOutbox.RoleKey role, String document) {
        iam.putRolePolicy(r -> r.roleName(role.roleName()).policyName(RevocationPolicy.INLINE_POLICY_NAME)
                .policyDocument(document));
    }

    @Override
    public void delete(RevocationOutbox.RoleKey role) {
        try {
            iam.deleteRolePolicy(r -> r.roleName(role.roleName()).policyName(RevocationPolicy.INLINE_POLICY_NAME));
        } catch (NoSuchEntityException alreadyGone) {
            // nothing to delete: the role is as it should be
        }
    }

    @Override
    public void close() {
        iam.close();
    }
}
