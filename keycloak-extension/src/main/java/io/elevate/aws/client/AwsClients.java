package io.elevate.aws.client;

import io.elevate.AwsPartition;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's AWS SDK clients, built on first use and kept (they are thread-safe and hold connection pools), one per
 * service and region. Every client has bounded connect, socket, attempt and call timeouts; IAM is not retried by the
 * SDK (the revocation outbox retries with its own backoff), the others retry throttling and transient errors with the
 * SDK's standard strategy up to {@link AwsSettings#maxAttempts()} attempts.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final DefaultCredentialsProvider credentials;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.credentials = DefaultCredentialsProvider.builder().build();
    }

    public AwsSettings settings() {
        return settings;
    }

    /**
     * IAM is global per partition: the client of {@code partition} signs its requests for the partition's IAM region
     * ({@code us-east-1}, {@code us-gov-west-1}, {@code cn-north-1}; also through an endpoint override), with the
     * server's one set of credentials (the SDK's default chain).
     */
    public IamClient iam(AwsPartition partition) {
        return client(AwsService.IAM, iamRegion(partition), IamClient.class, IamClient::builder);
    }

    /** The region IAM's requests are signed for in {@code partition}. */
    static String iamRegion(AwsPartition partition) {
        return switch (partition) {
            case AWS_US_GOV -> Region.US_GOV_WEST_1.id();
            case AWS_CN -> Region.CN_NORTH_1.id();
            case AWS -> Region.US_EAST_1.id();
        };
    }

    public Ec2Client ec2(String region) {
        return client(AwsService.EC2, region, Ec2Client.class, Ec2Client::builder);
    }

    public ConfigClient config(String region) {
        return client(AwsService.CONFIG, region, ConfigClient.class, ConfigClient::builder);
    }

    public SnsClient sns(String region) {
        return client(AwsService.SNS, region, SnsClient.class, SnsClient::builder);
    }

    public SsmClient ssm(String region) {
        return client(AwsService.SSM, region, SsmClient.class, SsmClient::builder);
    }

    private <C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(
            AwsService service, String region, Class<C> type, Supplier<B> builder) {
        if (!settings.enabled()) {
            throw new IllegalStateException("AWS is not enabled on this server (--spi-elevate-aws--default--enabled)");
        }
        String name = region == null || region.isBlank() ? settings.defaultRegion() : region;
        return type.cast(clients.computeIfAbsent(service + "/" + name, key -> build(service, name, builder.get())));
    }

    private <C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C build(
            AwsService service, String region, B builder) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout()))
                .overrideConfiguration(c -> c
                        .retryStrategy(service == AwsService.IAM ? AwsRetryStrategy.doNotRetry()
                                : AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                        .maxAttempts(settings.maxAttempts()).build())
                        .apiCallAttemptTimeout(settings.socketTimeout())
                        .apiCallTimeout(settings.callTimeout()));
        if (settings.endpoint(service) != null) {
            builder.endpointOverride(settings.endpoint(service));
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        credentials.close();
    }
}
