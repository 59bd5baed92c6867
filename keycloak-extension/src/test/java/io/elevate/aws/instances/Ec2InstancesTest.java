package io.elevate.aws.instances;

import io.elevate.aws.client.AwsClients;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.Ec2Contract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Instance tags from EC2 DescribeInstances through the real AWS SDK, against EC2's contract. */
@DisplayName("Instance tags from EC2")
class Ec2InstancesTest {

    static final String WEB = "i-0123456789abcdef0";
    static final String DB = "i-0fedcba9876543210";

    private AwsContractServer aws;
    private AwsClients clients;
    private Ec2Instances ec2;

    @BeforeEach
    void start() {
        aws = AwsContractServer.start();
        Ec2Contract.on(aws)
                .instance(WEB, "running", Map.of("Name", "web-1", "Env", "dev", "AppId", "ABC"))
                .instance(DB, "stopped", Map.of("Name", "db-1", "Env", "prod", "AppId", "DBX"))
                .instance("i-0aaaaaaaaaaaaaaa1", "terminated", Map.of("Env", "dev", "AppId", "OLD"));
        clients = new AwsClients(aws.settings());
        ec2 = new Ec2Instances(clients);
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Nested
    @DisplayName("given an instance id")
    class Find {

        @Test
        @DisplayName("then one signed DescribeInstances names it and its tags and state come back")
        void findsTheInstance() {
            Instance web = ec2.find("eu-west-1", WEB).orElseThrow();

            assertThat(web.tags()).containsEntry("AppId", "ABC").containsEntry("Env", "dev");
            assertThat(web.name()).isEqualTo("web-1");
            assertThat(web.state()).isEqualTo("running");
            assertThat(aws.requests("ec2", "DescribeInstances")).singleElement().satisfies(r -> {
                assertThat(r.signed()).isTrue();
                assertThat(r.region()).isEqualTo("eu-west-1");
                assertThat(r.param("Version")).isEqualTo(Ec2Contract.VERSION);
                assertThat(r.param("InstanceId.1")).isEqualTo(WEB);
                assertThat(r.params("Filter.")).isEmpty();
                assertThat(r.status()).isEqualTo(200);
            });
        }

        @Test
        @DisplayName("then an id EC2 does not know (InvalidInstanceID.NotFound) is no instance, not an error")
        void unknownIsEmpty() {
            assertThat(ec2.find("eu-west-1", "i-0bbbbbbbbbbbbbbb2")).isEmpty();
            assertThat(aws.requests("ec2", "DescribeInstances")).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(400));
        }

        @Test
        @DisplayName("then a terminated instance is no instance")
        void terminatedIsEmpty() {
            assertThat(ec2.find("eu-west-1", "i-0aaaaaaaaaaaaaaa1")).isEmpty();
        }

        @Test
        @DisplayName("then a malformed id is refused before AWS is asked")
        void malformedIdIsNeverSent() {
            assertThatThrownBy(() -> ec2.find("eu-west-1", "i-x' OR 1=1")).isInstanceOf(IllegalArgumentException.class);
            assertThat(aws.requests()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given a tag filter")
    class ListByTags {

        @Test
        @DisplayName("then EC2 filters by tag:<key> and live states, and only matching instances come back")
        void listsMatchingInstances() {
            List<Instance> dev = ec2.list("eu-west-1", Map.of("Env", "dev"), 50);

            assertThat(dev).extracting(Instance::instanceId).containsExactly(WEB);
            AwsContractServer.Request request = aws.requests("ec2", "DescribeInstances").get(0);
            assertThat(request.param("Filter.1.Name")).isEqualTo("tag:Env");
            assertThat(request.param("Filter.1.Value.1")).isEqualTo("dev");
            assertThat(request.param("Filter.2.Name")).isEqualTo("instance-state-name");
            assertThat(request.params("Filter.2.Value.")).containsExactly("pending", "running", "stopping", "stopped");
            assertThat(request.param("MaxResults")).isEqualTo("50");
        }
    }

    @Nested
    @DisplayName("given AWS failing")
    class Failures {

        @Test
        @DisplayName("when EC2 throttles twice, then the SDK retries and the third attempt answers")
        void throttlingIsRetried() {
            aws.fail("ec2", "DescribeInstances", Fault.THROTTLE, 2);

            assertThat(ec2.find("eu-west-1", WEB)).isPresent();
            assertThat(aws.requests("ec2", "DescribeInstances")).extracting(AwsContractServer.Request::status)
                    .containsExactly(503, 503, 200);
        }

        @Test
        @DisplayName("when EC2 throttles every attempt, then a clear error after max-attempts (3)")
        void throttlingBeyondTheAttemptsIsAClearError() {
            aws.fail("ec2", "DescribeInstances", Fault.THROTTLE, 5);

            assertThatThrownBy(() -> ec2.find("eu-west-1", WEB)).isInstanceOf(InstanceLookupException.class)
                    .hasMessageContaining("could not look up instance tags in AWS")
                    .hasMessageContaining("throttling the calls (RequestLimitExceeded)");
            assertThat(aws.requests("ec2", "DescribeInstances")).hasSize(3);
        }

        @Test
        @DisplayName("when the credentials may not describe instances, then a clear error and no retry")
        void accessDeniedIsNotRetried() {
            aws.fail("ec2", "DescribeInstances", Fault.ACCESS_DENIED, 1);

            assertThatThrownBy(() -> ec2.list("eu-west-1", Map.of("Env", "dev"), 10))
                    .isInstanceOf(InstanceLookupException.class)
                    .hasMessageContaining("ec2:DescribeInstances in eu-west-1")
                    .hasMessageContaining("may not do this (UnauthorizedOperation)");
            assertThat(aws.requests("ec2", "DescribeInstances")).hasSize(1);
        }

        @Test
        @DisplayName("when EC2 does not answer, then a clear error once every attempt timed out (3 x 2 s)")
        void timeoutIsBounded() {
            aws.fail("ec2", "DescribeInstances", Fault.TIMEOUT, 3);
            long start = System.nanoTime();

            assertThatThrownBy(() -> ec2.find("eu-west-1", WEB)).isInstanceOf(InstanceLookupException.class)
                    .hasMessageContaining("did not answer in time");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_500L, 12_000L);
        }

        @Test
        @DisplayName("when AWS is not enabled on the server, then a clear error and nothing is sent")
        void disabled() {
            try (AwsClients off = new AwsClients(io.elevate.aws.client.AwsSettings.disabled())) {
                assertThatThrownBy(() -> new Ec2Instances(off).find("eu-west-1", WEB))
                        .isInstanceOf(InstanceLookupException.class).hasMessageContaining("not enabled");
            }
            assertThat(aws.requests()).isEmpty();
        }
    }
}
