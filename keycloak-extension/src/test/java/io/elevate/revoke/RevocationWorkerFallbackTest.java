package io.elevate.revoke;

import io.elevate.AwsPartition;
import io.elevate.outbox.Backoff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The revocation worker, when IAM finds the role's inline policies too large")
class RevocationWorkerFallbackTest {

    private static final RevocationOutbox.RoleKey ROLE = new RevocationOutbox.RoleKey(AwsPartition.AWS,
            "123456789012", "ElevateSessionManager");
    private static final Instant LATEST = Instant.parse("2026-12-05T09:30:00Z");

    @Test
    @DisplayName("given another inline policy on the role leaves too little room, then it puts the deny by issue time")
    void failsClosedWithTheSmallestDocument() {
        List<String> put = new ArrayList<>();
        RolePolicies iam = new RolePolicies() {
            @Override
            public void put(RevocationOutbox.RoleKey role, String document) {
                if (document.contains("ElevationId")) {
                    throw LimitExceededException.builder()
                            .message("Maximum policy size of 10240 bytes exceeded for role ElevateSessionManager")
                            .build();
                }
                put.add(document);
            }

            @Override
            public void delete(RevocationOutbox.RoleKey role) {
                throw new AssertionError("nothing to delete");
            }
        };
        RevocationWorker worker = new RevocationWorker(iam, new Backoff(Duration.ofSeconds(15)), null, session -> null);

        String error = worker.call(new RevocationWorker.Plan(ROLE, Set.of("w-1"), List.of("w-1"), 1, LATEST));

        assertThat(error).isNull();
        assertThat(put).singleElement().asString().contains("\"aws:TokenIssueTime\":\"2026-12-05T09:35:00Z\"")
                .contains("DateLessThan").doesNotContain("ElevationId");
    }
}
