package io.elevate.window;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Database failures are told apart")
class FailureClassificationTest {

    /** As Hibernate and Keycloak wrap a JDBC error. */
    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("model", new PersistenceException("jpa", cause));
    }

    @Nested
    @DisplayName("a lost race")
    class LostRace {

        @Test
        void anOptimisticLockFailureIsALostRace() {
            assertThat(ConcurrentChange.isCause(new RuntimeException(new OptimisticLockException("stale")))).isTrue();
        }

        @Test
        void aLockTimeoutIsALostRace() {
            assertThat(ConcurrentChange.isCause(wrapped(new LockTimeoutException("busy")))).isTrue();
        }

        @Test
        void aDuplicateKeyIsALostRace() {
            assertThat(ConcurrentChange.isCause(wrapped(new SQLIntegrityConstraintViolationException("dup", "23505"))))
                    .isTrue();
        }

        @Test
        void aDeadlockOrSerializationVictimIsALostRace() {
            assertThat(ConcurrentChange.isCause(wrapped(new SQLException("deadlock", "40P01")))).isTrue();
            assertThat(ConcurrentChange.isCause(wrapped(new SQLException("serialize", "40001")))).isTrue();
            assertThat(ConcurrentChange.isCause(wrapped(new SQLException("h2 lock timeout", "HYT00")))).isTrue();
        }
    }

    @Nested
    @DisplayName("the store failing")
    class StoreFailing {

        @Test
        void aConnectionFailureIsNotALostRaceButTheStoreFailing() {
            RuntimeException down = wrapped(new SQLTransientConnectionException("connection refused", "08001"));

            assertThat(ConcurrentChange.isCause(down)).isFalse();
            assertThat(StoreUnavailable.isCause(down)).isTrue();
        }

        @Test
        void anIntegrityViolationOtherThanADuplicateKeyIsNotALostRace() {
            assertThat(ConcurrentChange.isCause(wrapped(new SQLException("null value", "23502")))).isFalse();
            assertThat(ConcurrentChange.isCause(wrapped(new SQLException("value too long", "22001")))).isFalse();
        }

        @Test
        void aPersistenceErrorWithoutARaceIsTheStoreFailing() {
            RuntimeException broken = new PersistenceException("could not execute statement");

            assertThat(ConcurrentChange.isCause(broken)).isFalse();
            assertThat(StoreUnavailable.isCause(broken)).isTrue();
        }

        @Test
        void aBugIsNeither() {
            RuntimeException bug = new IllegalStateException("null somewhere");

            assertThat(ConcurrentChange.isCause(bug)).isFalse();
            assertThat(StoreUnavailable.isCause(bug)).isFalse();
        }
    }
}
