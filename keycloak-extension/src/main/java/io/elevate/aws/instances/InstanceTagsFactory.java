package io.elevate.aws.instances;

import io.elevate.ServerClock;
import io.elevate.Elevate;
import io.elevate.aws.client.AwsClients;
import io.elevate.aws.client.AwsSettings;
import io.elevate.aws.client.ElevateAws;
import io.elevate.aws.client.ElevateAwsFactory;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Holds the server-wide caches of instance tags over the server's AWS clients ({@code elevate-aws}). Settings
 * ({@code --spi-elevate-instances--default--<name>}): {@code cache-seconds} (60; 0 turns the cache off, at most 3600)
 * and {@code cache-size} (1000 answers per source).
 */
public final class InstanceTagsFactory implements ProviderFactory<InstanceTags>, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";

    private Duration lifetime = Duration.ofSeconds(60);
    private int size = 1000;
    private InstanceTags tags = new InstanceTags(null, null);

    @Override
    public void init(Config.Scope config) {
        long seconds = config.getLong("cacheSeconds", 60L);
        int entries = config.getInt("cacheSize", 1000);
        if (seconds < 0 || seconds > 3600) {
            throw new IllegalArgumentException("elevate-instances cache-seconds must be 0 to 3600, not " + seconds);
        }
        if (entries < 1) {
            throw new IllegalArgumentException("elevate-instances cache-size must be at least 1, not " + entries);
        }
        lifetime = Duration.ofSeconds(seconds);
        size = entries;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ProviderFactory<?> aws = factory.getProviderFactory(ElevateAws.class);
        AwsClients clients = aws instanceof ElevateAwsFactory elevateAws ? elevateAws.clients()
                : new AwsClients(AwsSettings.disabled());
        tags = of(clients, ServerClock.UTC, lifetime, size);
    }

    /** Directories over {@code clients}, each behind its own cache. */
    static InstanceTags of(AwsClients clients, Clock clock, Duration lifetime, int size) {
        return new InstanceTags(new CachedInstances(new Ec2Instances(clients), clock, lifetime, size),
                new CachedInstances(new ConfigInstances(clients), clock, lifetime, size));
    }

    @Override
    public InstanceTags create(KeycloakSession session) {
        return tags;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("cacheSeconds").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(60)
                .helpText("How long an instance's tags, as AWS answered them, are used before AWS is asked again "
                        + "(0: always ask). Failures are never kept.").add()
                .property().name("cacheSize").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1000)
                .helpText("How many answers are kept per source (EC2, Config); the least recently used go first.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", Elevate.version(), "cacheSeconds", Long.toString(lifetime.toSeconds()),
                "cacheSize", Integer.toString(size));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
