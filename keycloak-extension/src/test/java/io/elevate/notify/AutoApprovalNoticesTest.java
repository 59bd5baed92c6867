package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.TestWindows;
import io.elevate.window.WindowStatus;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An automatic approval's notices")
class AutoApprovalNoticesTest {

    private static final ChatSettings TEAMS = new ChatSettings(null, null, null, Map.of(), false,
            "https://teams.example.com/workflows/realm", new HashMap<>(), null, null);

    /** A window under no policy (so no realm is consulted), approved by {@code rule} or by people when null. */
    private static Notice notice(Notice.Kind kind, String rule, boolean reviewed) {
        ElevationWindow w = TestWindows.window("e-1", TestWindows.target(Map.of("AppId", "ABC")),
                TestWindows.NOW, TestWindows.NOW.plus(Duration.ofMinutes(60)));
        ElevationWindow approved = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                w.startsAt(), w.endsAt(), WindowStatus.APPROVED, "INC1", "operator", null, w.createdAt(),
                null, null, null, new RequestInfo(null, null, false, rule == null ? 1 : 0, null,
                rule == null ? "approver" : "rule " + rule, TestWindows.NOW, "fine", reviewed ? "no review required"
                : null, reviewed ? TestWindows.NOW : null, null, null, 0, false, rule));
        return new Notice(kind, approved, new Notice.Person("operator", "Operator", "operator@elevate.test"),
                List.of(), "https://sso.example.com/realms/demo/elevation/portal");
    }

    @Nested
    @DisplayName("given Teams for the realm")
    class Chats {

        @Test
        @DisplayName("then the requester's APPROVED notice of a rule's approval has no chat receiver, its AUTO_APPROVED one has")
        void once() {
            assertThat(ChatReceivers.of(null, TEAMS, notice(Notice.Kind.APPROVED, "office hours", false))).isEmpty();
            assertThat(ChatReceivers.of(null, TEAMS, notice(Notice.Kind.AUTO_APPROVED, "office hours", false)))
                    .extracting(ChatReceiver::channel).containsExactly(NoticeChannel.TEAMS);
        }

        @Test
        @DisplayName("then an approval by people still reaches Teams")
        void byPeople() {
            assertThat(ChatReceivers.of(null, TEAMS, notice(Notice.Kind.APPROVED, null, false)))
                    .extracting(ChatReceiver::channel).containsExactly(NoticeChannel.TEAMS);
        }
    }

    @Nested
    @DisplayName("given the AUTO_APPROVED notice")
    class Wording {

        @Test
        @DisplayName("then it asks for a review only when the window awaits one")
        void review() {
            Notice awaiting = notice(Notice.Kind.AUTO_APPROVED, "office hours", false);
            Notice reviewed = notice(Notice.Kind.AUTO_APPROVED, "office hours", true);

            assertThat(TeamsCard.title(awaiting)).endsWith("; review it");
            assertThat(TeamsCard.title(reviewed)).doesNotContain("review");
            assertThat(NoticeText.of(awaiting).fields()).containsEntry("lead", "elevateNoticeLead_AUTO_APPROVED_REVIEW");
            assertThat(NoticeText.of(reviewed).fields()).containsEntry("lead", "elevateNoticeLead_AUTO_APPROVED");
            assertThat(NoticeText.of(notice(Notice.Kind.APPROVED, null, false)).fields())
                    .containsEntry("lead", "elevateNoticeLead_APPROVED");
        }
    }
}
