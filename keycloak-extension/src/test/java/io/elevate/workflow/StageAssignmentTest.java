package io.elevate.workflow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Seating approvers when one person may approve only one stage")
class StageAssignmentTest {

    @Test
    @DisplayName("then two stages of one approval each, with the same single person, cannot both be met")
    void samePersonTwice() {
        assertThat(Authorisation.assignable(List.of(Set.of("ann"), Set.of("ann")), List.of(1, 1))).isFalse();
    }

    @Test
    @DisplayName("then overlapping groups that each have their quorum but not together cannot be met")
    void overlapTooSmall() {
        assertThat(Authorisation.assignable(List.of(Set.of("ann", "bob"), Set.of("ann", "bob")), List.of(2, 1)))
                .isFalse();
    }

    @Test
    @DisplayName("then a seating found only by moving someone already seated is found")
    void augmenting() {
        assertThat(Authorisation.assignable(List.of(Set.of("ann", "bob"), Set.of("ann")), List.of(1, 1))).isTrue();
        assertThat(Authorisation.assignable(List.of(Set.of("ann", "bob", "cy"), Set.of("ann", "bob")),
                List.of(2, 1))).isTrue();
    }
}
