package io.elevate.window;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A failure counts as the database being unavailable")
class StoreUnavailableTest {

    @Test
    void whenJpaFailsEvenWrappedInAModelException() {
        RuntimeException wrapped = new IllegalStateException("model", new PersistenceException("no connection"));

        assertThat(StoreUnavailable.isCause(wrapped)).isTrue();
    }

    @Test
    void whenJdbcFailsUnderneath() {
        RuntimeException wrapped = new RuntimeException(new SQLException("Connection refused", "08001",
                new ConnectException("Connection refused")));

        assertThat(StoreUnavailable.isCause(wrapped)).isTrue();
    }

    @Test
    void whenTheStoreSaidSoItself() {
        assertThat(StoreUnavailable.isCause(new StoreUnavailable("down", null))).isTrue();
    }

    @Test
    void notForAProgrammingError() {
        assertThat(StoreUnavailable.isCause(new NullPointerException("bug"))).isFalse();
        assertThat(StoreUnavailable.isCause(new IllegalArgumentException("bad", new ConnectException("x")))).isFalse();
    }
}
