package io.elevate.revoke;

import io.elevate.AwsPartition;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The ids a role's deny policy names")
class RevokedIdsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static Revocation row(String windowId, RevocationState state, Instant revokedAt, int slots) {
        return new Revocation("row-" + windowId, "realm", windowId, AwsPartition.AWS, "123456789012",
                "ElevateSessionManager", slots,
                revokedAt, state, 0, revokedAt, null, null, revokedAt.plus(RevocationOutbox.ROLE_MAX_SESSION));
    }

    @Nested
    @DisplayName("given revocations within the role's maximum session duration")
    class Live {

        @Test
        @DisplayName("then every one is named, whatever its state, sorted and once")
        void all() {
            List<Revocation> rows = List.of(
                    row("b", RevocationState.APPLIED, NOW.minus(Duration.ofHours(3)), 1),
                    row("a", RevocationState.PENDING, NOW, 1),
                    row("c", RevocationState.FAILED, NOW.minus(Duration.ofMinutes(5)), 1),
                    row("a", RevocationState.PENDING, NOW, 1));
            assertThat(RevokedIds.of(rows, NOW)).containsExactly("a", "b", "c");
        }

        @Test
        @DisplayName("then the document has as many slots as the most any of them carries")
        void slots() {
            assertThat(RevokedIds.slots(List.of(row("a", RevocationState.PENDING, NOW, 1),
                    row("b", RevocationState.PENDING, NOW, 3)), NOW)).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("given a revocation older than the role's maximum session duration")
    class Pruned {

        @Test
        @DisplayName("then it is left out: no session started before the revoke is alive")
        void leftOut() {
            List<Revocation> rows = List.of(
                    row("old", RevocationState.APPLIED, NOW.minus(Duration.ofHours(12)), 3),
                    row("new", RevocationState.PENDING, NOW.minus(Duration.ofHours(11)), 1));
            assertThat(RevokedIds.of(rows, NOW)).containsExactly("new");
            assertThat(RevokedIds.slots(rows, NOW)).isEqualTo(1);
        }

        @Test
        @DisplayName("then a role whose every revocation is pruned has none: its policy is deleted")
        void empty() {
            List<Revocation> rows = List.of(row("old", RevocationState.APPLIED, NOW.minus(Duration.ofDays(1)), 1));
            assertThat(RevokedIds.of(rows, NOW)).isEmpty();
            assertThat(RevokedIds.slots(rows, NOW)).isEqualTo(1);
        }
    }
}
