package io.elevate.breakglass;

import io.elevate.aws.client.AwsClients;
import io.elevate.breakglass.OsCredentialSettings.Platform;
import io.elevate.testing.Await;
import io.elevate.testing.aws.LiveAws;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The break-glass OS password on a real instance ({@code ./mvnw -Paws-live verify}). It really sets the password of
 * {@code ELEVATE_LIVE_SSM_USER} on {@code ELEVATE_LIVE_SSM_INSTANCE} (a Linux test instance managed by SSM, with the
 * AWS CLI v2 and an instance role that may put the parameter with {@code ELEVATE_LIVE_KMS_KEY}), reads the
 * SecureString once and deletes it, as Elevate does; the region is {@code ELEVATE_LIVE_REGION}.
 */
@DisplayName("Break-glass OS password in a real AWS account")
class SsmLiveIT {

    @Test
    void theInstanceSetsAndStoresAPasswordThatIsReadOnceAndDeleted() throws InterruptedException {
        LiveAws.assumeCredentials();
        String instance = LiveAws.require("ELEVATE_LIVE_SSM_INSTANCE", "a Linux test instance managed by SSM");
        String user = LiveAws.require("ELEVATE_LIVE_SSM_USER", "an existing OS user of that instance whose password "
                + "the test may set");
        String key = LiveAws.require("ELEVATE_LIVE_KMS_KEY", "the KMS key (alias or ARN) of the SecureString");
        String region = LiveAws.settings().defaultRegion();
        String window = UUID.randomUUID().toString();
        String parameter = OsCredentialScript.parameterName(window);
        try (AwsClients aws = new AwsClients(LiveAws.settings())) {
            Ssm ssm = new Ssm(aws);
            String command = ssm.send(window, instance, region, Platform.LINUX, user, key, parameter);
            Ssm.Invocation invocation = awaitDone(ssm, region, command, instance);
            assertThat(invocation.succeeded()).as("the command on the instance: %s", invocation.details()).isTrue();

            String password = ssm.value(region, parameter);
            assertThat(password).hasSizeGreaterThanOrEqualTo(16);
            assertThat(ssm.delete(region, parameter)).isTrue();
            assertThat(ssm.delete(region, parameter)).as("already gone").isFalse();
        }
    }

    private static Ssm.Invocation awaitDone(Ssm ssm, String region, String command, String instance) {
        Ssm.Invocation[] last = {null};
        return Await.until("command " + command + " finished on " + instance, Duration.ofMinutes(3),
                Duration.ofSeconds(3), () -> {
                    last[0] = ssm.invocation(region, command, instance);
                    return Optional.of(last[0]).filter(invocation -> invocation.status() != null
                            && !invocation.status().toString().matches("Pending|InProgress|Delayed"));
                }, () -> String.valueOf(last[0]));
    }
}
