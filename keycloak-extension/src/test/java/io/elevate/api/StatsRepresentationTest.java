package io.elevate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.elevate.insight.Figures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The figures as JSON")
class StatsRepresentationTest {

    @Test
    @DisplayName("then a revocation not yet in IAM names its role by ARN, in the role's partition")
    void revocationArn() {
        Instant at = Instant.parse("2026-12-05T06:00:00Z");
        Figures figures = new Figures(at, new Figures.Now(List.of(), 0, List.of(), 0, List.of(), 0,
                List.of(new Figures.RevocationLine("w-1", "123456789012", "Admin",
                        "arn:aws-cn:iam::123456789012:role/Admin", "FAILED", 2, at, at.plusSeconds(60), "denied")), 1),
                new Figures.Period(LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 5), 0, 0, List.of(), List.of(),
                        List.of(), new Figures.Latency(0, null, List.of())));

        StatsRepresentation.PendingRevocation row = StatsRepresentation.of(figures).current().pendingRevocations().get(0);

        assertThat(row.roleArn()).isEqualTo("arn:aws-cn:iam::123456789012:role/Admin");
        assertThat(row.lastError()).isEqualTo("denied");
    }
}
