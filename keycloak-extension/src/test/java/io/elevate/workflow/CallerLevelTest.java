package io.elevate.workflow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The level of authentication a token's acr stands for")
class CallerLevelTest {

    private static final Map<String, Integer> LOA = Map.of("silver", 1, "gold", 2);

    @Test
    @DisplayName("given a realm that maps acr names to levels, then a named acr is its level")
    void namedAcr() {
        assertThat(Caller.levelOf("gold", LOA)).isEqualTo(2);
        assertThat(Caller.levelOf("silver", LOA)).isEqualTo(1);
    }

    @Test
    @DisplayName("given a numeric acr, then its number, as Keycloak writes levels it has no name for")
    void numericAcr() {
        assertThat(Caller.levelOf("2", LOA)).isEqualTo(2);
        assertThat(Caller.levelOf("1", Map.of())).isEqualTo(1);
    }

    @Test
    @DisplayName("given an unknown name, a negative level or no acr, then 0")
    void unknownIsZero() {
        assertThat(Caller.levelOf("platinum", LOA)).isZero();
        assertThat(Caller.levelOf("-1", Map.of())).isZero();
        assertThat(Caller.levelOf(null, LOA)).isZero();
    }
}
