package io.elevate.aws.client;

import io.elevate.Elevate;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the server's {@link AwsClients}. Settings ({@code --spi-elevate-aws--default--<name>} or
 * {@code KC_SPI_ELEVATE_AWS__DEFAULT__<NAME>}): {@code enabled} (false), {@code region} (us-east-1: for calls whose
 * target names no region), {@code iam-endpoint}, {@code ec2-endpoint}, {@code config-endpoint}, {@code sns-endpoint},
 * {@code ssm-endpoint} (AWS's own), {@code account-id} (not checked), {@code connect-timeout-millis} (5000),
 * {@code socket-timeout-millis} (10000), {@code call-timeout-millis} (20000), {@code max-attempts} (3).
 */
public final class ElevateAwsFactory implements ProviderFactory<ElevateAws>, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "default";

    private static final Logger LOG = Logger.getLogger(ElevateAwsFactory.class);

    private AwsClients clients = new AwsClients(AwsSettings.disabled());

    @Override
    public void init(Config.Scope config) {
        clients = new AwsClients(AwsSettings.from(config));
        if (clients.settings().enabled()) {
            LOG.infof("Elevate calls AWS (default region %s, endpoint overrides %s)",
                    clients.settings().defaultRegion(), clients.settings().endpoints());
        } else {
            LOG.info("Elevate: AWS is not enabled (--spi-elevate-aws--default--enabled=false): revoked windows are "
                    + "refused at the next sign-in but live AWS sessions last until they expire, instance tags are "
                    + "not looked up, and SNS and break-glass OS credentials are off");
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    /** The server's clients, for code that runs without a session (timers). */
    public AwsClients clients() {
        return clients;
    }

    @Override
    public ElevateAws create(KeycloakSession session) {
        return new ElevateAws(clients);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create()
                .property().name("enabled").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Call AWS: revocation deny policies, instance tags, SNS, break-glass OS credentials. "
                        + "Credentials come from the AWS SDK's default chain.").add()
                .property().name("region").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(AwsSettings.DEFAULT_REGION)
                .helpText("Region of calls whose target names none.").add()
                .property().name("accountId").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The AWS account of the server's credentials; work on roles of other accounts fails "
                        + "instead of touching a same-named role. Default: not checked.").add()
                .property().name("connectTimeoutMillis").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(5000)
                .helpText("Connect timeout of every AWS call.").add()
                .property().name("socketTimeoutMillis").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(10000)
                .helpText("Read timeout, and the limit of one attempt, of every AWS call.").add()
                .property().name("callTimeoutMillis").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(20000)
                .helpText("Limit of one AWS call with its retries.").add()
                .property().name("maxAttempts").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(3)
                .helpText("Attempts of a throttled or failed call (EC2, Config, SNS, SSM); IAM is retried by the "
                        + "revocation outbox instead.").add();
        for (AwsService service : AwsService.values()) {
            builder.property().name(service.endpointOption()).type(ProviderConfigProperty.STRING_TYPE)
                    .helpText(service + " endpoint override (e.g. a VPC endpoint); default AWS's own.").add();
        }
        return builder.build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        AwsSettings settings = clients.settings();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", Elevate.version());
        info.put("enabled", Boolean.toString(settings.enabled()));
        info.put("region", settings.defaultRegion());
        settings.endpoints().forEach((service, uri) -> info.put(service.endpointOption(), uri.toString()));
        info.put("accountId", settings.accountId() == null ? "(not checked)" : settings.accountId());
        info.put("maxAttempts", Integer.toString(settings.maxAttempts()));
        return info;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
        clients.close();
    }
}
