package io.elevate.aws.instances;

import io.elevate.aws.client.AwsClients;
import io.elevate.testing.aws.LiveAws;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance's tags read from a real account ({@code ./mvnw -Paws-live verify}): {@code ELEVATE_LIVE_INSTANCE} in
 * {@code ELEVATE_LIVE_REGION}, which the credentials may describe; the lookup of an id no account has finds nothing.
 */
@DisplayName("Instance tags from a real AWS account")
class InstanceTagsLiveIT {

    @Test
    void findsTheInstanceWithItsTagsAndNothingForAnUnknownId() {
        LiveAws.assumeCredentials();
        String instanceId = LiveAws.require("ELEVATE_LIVE_INSTANCE", "an EC2 instance id the credentials may describe");
        String region = LiveAws.settings().defaultRegion();
        try (AwsClients aws = new AwsClients(LiveAws.settings())) {
            Ec2Instances ec2 = new Ec2Instances(aws);

            Optional<Instance> found = ec2.find(region, instanceId);
            Optional<Instance> unknown = ec2.find(region, "i-0fffffffffffffff0");

            assertThat(found).hasValueSatisfying(instance -> {
                assertThat(instance.instanceId()).isEqualTo(instanceId);
                assertThat(instance.state()).isNotBlank();
                assertThat(instance.tags()).isInstanceOf(Map.class);
            });
            assertThat(unknown).isEmpty();
        }
    }
}
