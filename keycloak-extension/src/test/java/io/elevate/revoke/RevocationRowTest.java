package io.elevate.revoke;

import io.elevate.AwsPartition;
import io.elevate.window.Target;
import io.elevate.window.TestWindows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("What the revocation outbox records of a revoked window")
class RevocationRowTest {

    private static final Instant NOW = TestWindows.NOW;

    private static RevocationEntity rowFor(String region) {
        Target target = new Target("123456789012", "Ops", "Keycloak", region, null, Map.of("AppId", "ABC"));
        return RevocationOutbox.newRow("realm", TestWindows.window("w-1", target, NOW.minusSeconds(60),
                NOW.plus(Duration.ofHours(1))), 3, NOW);
    }

    @ParameterizedTest(name = "given a window in {0}, then the row is in the partition {1}")
    @CsvSource({"eu-west-1,aws", "us-east-1,aws", "us-gov-west-1,aws-us-gov", "us-gov-east-1,aws-us-gov",
            "cn-north-1,aws-cn", "cn-northwest-1,aws-cn"})
    void partitionFollowsTheRegion(String region, String partition) {
        RevocationEntity row = rowFor(region);
        assertThat(row.getPartition()).isEqualTo(partition);
        assertThat(Revocation.of(row).partition().id()).isEqualTo(partition);
    }

    @Nested
    @DisplayName("given a window of a GovCloud role")
    class GovCloud {

        private final RevocationEntity row = rowFor("us-gov-west-1");

        @Test
        @DisplayName("then the row names the role by partition, account and name, pending and due at once")
        void theRow() {
            assertThat(row.getAccountId()).isEqualTo("123456789012");
            assertThat(row.getRoleName()).isEqualTo("Ops");
            assertThat(row.getWindowId()).isEqualTo("w-1");
            assertThat(row.getSlots()).isEqualTo(3);
            assertThat(row.getState()).isEqualTo("PENDING");
            assertThat(row.getNextAttemptAt()).isEqualTo(NOW.toEpochMilli());
            assertThat(Revocation.of(row).roleArn()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/Ops");
        }

        @Test
        @DisplayName("then the audit text names the role's GovCloud ARN")
        void theAuditText() {
            assertThat(RevocationOutbox.describe(Revocation.of(row))).startsWith(
                    "{role=arn:aws-us-gov:iam::123456789012:role/Ops, state=PENDING, attempts=0, nextAttemptAt=");
        }

        @Test
        @DisplayName("then the worker's unit is the GovCloud role, logged by its GovCloud ARN")
        void theRoleKey() {
            RevocationOutbox.RoleKey key = new RevocationOutbox.RoleKey(Revocation.of(row).partition(),
                    row.getAccountId(), row.getRoleName());
            assertThat(key.arn()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/Ops");
            assertThat(key).isNotEqualTo(new RevocationOutbox.RoleKey(AwsPartition.AWS, "123456789012", "Ops"));
        }
    }

    @Test
    @DisplayName("given a China window, then the audit text names an arn:aws-cn role")
    void china() {
        assertThat(RevocationOutbox.describe(Revocation.of(rowFor("cn-north-1"))))
                .startsWith("{role=arn:aws-cn:iam::123456789012:role/Ops,");
    }

    @Test
    @DisplayName("given a row naming a partition Elevate never writes, then reading it fails rather than guessing")
    void unknownPartition() {
        RevocationEntity row = rowFor("eu-west-1");
        row.setPartition("aws-iso");
        assertThatThrownBy(() -> Revocation.of(row)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aws-iso");
    }
}
