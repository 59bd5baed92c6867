package io.elevate.notify;

import io.elevate.window.Approval;
import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A staged request in Slack")
class SlackStagesTest {

    private static final List<String> NAMES = List.of("team lead", "security");
    private static final List<Integer> QUORUMS = List.of(1, 1);

    private static Approval approval(String name, int stage) {
        return new Approval(0, "id-" + name, name, Instant.parse("2026-06-01T10:00:00Z"), null, stage);
    }

    @Nested
    @DisplayName("given stage 1 approved by Tom and stage 2 waiting")
    class SecondStage {

        @Test
        @DisplayName("then the footer says the current stage, its votes of its quorum and who approved stage 1")
        void footer() {
            SlackStages stages = SlackStages.of(NAMES, QUORUMS, List.of(approval("Tom <!here>", 1))).orElseThrow();
            Notice notice = TestNotices.requested("Olga Operator");

            assertThat(SlackMessages.state(notice.window(), stages)).isEqualTo(
                    ":hourglass_flowing_sand: Stage 2 of 2 (security): 0/1 · stage 1 approved by Tom &lt;!here&gt;");
            assertThat(SlackMessages.json(SlackMessages.blocks(notice, notice.window(), false, stages)))
                    .contains("Stage 2 of 2 (security): 0/1").doesNotContain("Waiting for")
                    .contains(SlackMessages.APPROVE);
            assertThat(SlackMessages.fallback(notice, notice.window(), stages)).contains("Stage 2 of 2 (security)");
        }
    }

    @Nested
    @DisplayName("given a policy without stages that needs two approvals")
    class Unstaged {

        @Test
        @DisplayName("then after the first approval the footer says how many so far and by whom, before it nothing")
        void soFar() {
            Notice notice = TestNotices.requested("Olga Operator");

            assertThat(SlackStages.unstaged(2, List.of())).isEmpty();
            SlackStages one = SlackStages.unstaged(2, List.of(approval("Anna <!channel>", 0))).orElseThrow();
            assertThat(SlackMessages.state(notice.window(), one)).isEqualTo(":hourglass_flowing_sand: Waiting for 2 "
                    + "approval(s): 1 so far, by Anna &lt;!channel&gt;");
            assertThat(SlackMessages.json(SlackMessages.blocks(notice, notice.window(), false, one)))
                    .contains("1 so far, by Anna").contains(SlackMessages.APPROVE);
        }
    }

    @Nested
    @DisplayName("given a new request")
    class FirstStage {

        @Test
        @DisplayName("then it waits for stage 1 with no votes, and a met policy has no stage line")
        void first() {
            assertThat(SlackStages.of(NAMES, QUORUMS, List.of()).orElseThrow().text())
                    .isEqualTo("Stage 1 of 2 (team lead): 0/1");
            assertThat(SlackStages.of(NAMES, QUORUMS, List.of(approval("Tom", 1), approval("Sue", 2)))).isEmpty();
        }

        @Test
        @DisplayName("then votes are counted by person, not by display name")
        void byPerson() {
            Approval one = new Approval(0, "id-1", "Sam", Instant.parse("2026-06-01T10:00:00Z"), null, 1);
            Approval other = new Approval(0, "id-2", "Sam", Instant.parse("2026-06-01T10:01:00Z"), null, 1);

            assertThat(SlackStages.of(List.of("pair"), List.of(2), List.of(one))).get()
                    .extracting(SlackStages::votes).isEqualTo(1L);
            assertThat(SlackStages.of(List.of("pair"), List.of(2), List.of(one, other))).isEmpty();
        }
    }

    @Nested
    @DisplayName("given a stage hand-off (the next stage's approvers are told)")
    class HandOff {

        private Notice notice() {
            Notice n = TestNotices.requested("Olga Operator");
            ElevationWindow w = n.window();
            RequestInfo r = w.request();
            ElevationWindow noPolicy = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                    w.startsAt(), w.endsAt(), w.status(), w.justification(), w.createdBy(), null, w.createdAt(), null,
                    null, null, new RequestInfo(null, r.ticket(), false, 2, null, null, null, null, null, null, null,
                    null, 0, false));
            return new Notice(n.kind(), noPolicy, n.requester(),
                    List.of(new Notice.Person("sue", "Sue Security", "sue@elevate.test")), n.portalUrl());
        }

        private ChatSettings chat() {
            return new ChatSettings("xoxb-0000000000-token", "0123456789abcdef0123456789abcdef", "C0DEFAULT1",
                    Map.of(), true, null, Map.of(), null, null);
        }

        @Test
        @DisplayName("then the channel gets no second post, only the new stage's approvers a direct message")
        void noSecondPost() {
            assertThat(ChatReceivers.of(null, chat(), notice(), true)).extracting(ChatReceiver::name)
                    .containsExactly(SlackSender.DM + "sue");
        }

        @Test
        @DisplayName("then a first request is still posted to the channel")
        void firstPost() {
            assertThat(ChatReceivers.of(null, chat(), notice(), false)).extracting(ChatReceiver::name)
                    .containsExactly(SlackSender.CHANNEL + "C0DEFAULT1", SlackSender.DM + "sue");
        }
    }
}
