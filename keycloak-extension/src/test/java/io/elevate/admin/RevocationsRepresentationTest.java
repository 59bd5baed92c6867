package io.elevate.admin;

import io.elevate.AwsPartition;
import io.elevate.revoke.Revocation;
import io.elevate.revoke.RevocationState;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The admin view of the revocation outbox")
class RevocationsRepresentationTest {

    private static final Instant NOW = Instant.parse("2026-12-05T04:00:00Z");

    private static Revocation row(AwsPartition partition) {
        return new Revocation("row", "realm", "w-1", partition, "123456789012", "Ops", 1, NOW,
                RevocationState.APPLIED, 0, NOW.plusSeconds(43_200), null, NOW, NOW.plusSeconds(43_200));
    }

    @Test
    @DisplayName("given rows of each partition, then each row's role ARN is in its own partition")
    void roleArnFollowsThePartition() {
        RevocationsRepresentation view = RevocationsRepresentation.of(true,
                List.of(row(AwsPartition.AWS), row(AwsPartition.AWS_US_GOV), row(AwsPartition.AWS_CN)));
        assertThat(view.revocations()).extracting(RevocationsRepresentation.Row::roleArn).containsExactly(
                "arn:aws:iam::123456789012:role/Ops", "arn:aws-us-gov:iam::123456789012:role/Ops",
                "arn:aws-cn:iam::123456789012:role/Ops");
    }
}
