package io.elevate.aws.instances;

import io.elevate.aws.client.AwsClients;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.Ec2Contract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of AWS: bounded lifetime and size, never a failure. */
@DisplayName("Cached instance tags")
class CachedInstancesTest {

    private static final String WEB = "i-0123456789abcdef0";

    private AwsContractServer aws;
    private Ec2Contract ec2;
    private AwsClients clients;
    private MovingClock clock;
    private CachedInstances cached;

    @BeforeEach
    void start() {
        aws = AwsContractServer.start();
        ec2 = Ec2Contract.on(aws).instance(WEB, "running", Map.of("Env", "dev", "AppId", "ABC"));
        clients = new AwsClients(aws.settings());
        clock = new MovingClock(Instant.parse("2026-11-21T10:00:00Z"));
        cached = new CachedInstances(new Ec2Instances(clients), clock, Duration.ofSeconds(60), 2);
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    @DisplayName("given an answer, then it is used within its lifetime and asked again after it")
    void lifetime() {
        cached.find("eu-west-1", WEB);
        ec2.instance(WEB, "running", Map.of("Env", "dev", "AppId", "XYZ"));
        clock.move(Duration.ofSeconds(59));
        assertThat(cached.find("eu-west-1", WEB).orElseThrow().tags()).containsEntry("AppId", "ABC");
        assertThat(aws.requests("ec2", "DescribeInstances")).hasSize(1);

        clock.move(Duration.ofSeconds(1));
        assertThat(cached.find("eu-west-1", WEB).orElseThrow().tags()).containsEntry("AppId", "XYZ");
        assertThat(aws.requests("ec2", "DescribeInstances")).hasSize(2);
    }

    @Test
    @DisplayName("given lists by tags, then each filter is its own answer")
    void lists() {
        cached.list("eu-west-1", Map.of("Env", "dev"), 10);
        cached.list("eu-west-1", Map.of("Env", "dev"), 10);
        cached.list("eu-west-1", Map.of("Env", "prod"), 10);
        assertThat(aws.requests("ec2", "DescribeInstances")).hasSize(2);
    }

    @Test
    @DisplayName("given a failure, then it is not kept: the next question asks AWS again")
    void failuresAreNotCached() {
        aws.fail("ec2", "DescribeInstances", Fault.ACCESS_DENIED, 1);
        assertThatThrownBy(() -> cached.find("eu-west-1", WEB)).isInstanceOf(InstanceLookupException.class);

        assertThat(cached.find("eu-west-1", WEB)).isPresent();
        assertThat(aws.requests("ec2", "DescribeInstances")).hasSize(2);
    }

    @Test
    @DisplayName("given an unknown instance, then it is asked again (it may just have been launched)")
    void absenceIsNotCached() {
        String fresh = "i-0eeeeeeeeeeeeeee3";
        assertThat(cached.find("eu-west-1", fresh)).isEmpty();
        ec2.instance(fresh, "pending", Map.of("Env", "dev"));
        assertThat(cached.find("eu-west-1", fresh)).isPresent();
    }

    @Test
    @DisplayName("given more questions than its size, then the least recently used answer goes")
    void bounded() {
        ec2.instance("i-0eeeeeeeeeeeeeee3", "running", Map.of()).instance("i-0eeeeeeeeeeeeeee4", "running", Map.of());
        cached.find("eu-west-1", WEB);
        cached.find("eu-west-1", "i-0eeeeeeeeeeeeeee3");
        cached.find("eu-west-1", "i-0eeeeeeeeeeeeeee4");
        assertThat(cached.size()).isEqualTo(2);

        cached.find("eu-west-1", WEB);
        assertThat(aws.requests("ec2", "DescribeInstances")).hasSize(4);
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
