package io.elevate.chat;

import io.elevate.notify.ChatSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.User;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Who may press a button in Slack")
class SlackWorkspaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatSettings PINNED = new ChatSettings("xoxb-0000000000-token", "0123456789abcdef0123456789abcdef",
            "C0DEFAULT1", Map.of(), false, null, Map.of(), "T0ELEVATE1", "A0ELEVATE1");
    private static final ChatSettings UNPINNED = new ChatSettings("xoxb-0000000000-token",
            "0123456789abcdef0123456789abcdef", "C0DEFAULT1", Map.of(), false, null, Map.of(), null, null);

    private static ObjectNode payload(String team, String app, String userTeam) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", app);
        payload.putObject("team").put("id", team);
        payload.putObject("user").put("id", "U0ALICE01").put("team_id", userTeam);
        return payload;
    }

    private static User user(String team, boolean stranger) {
        User user = new User();
        user.setId("U0ALICE01");
        user.setTeamId(team);
        user.setStranger(stranger);
        return user;
    }

    @Nested
    @DisplayName("given the realm names its Slack workspace and app")
    class Pinned {

        @Test
        @DisplayName("then an interaction of that workspace and app passes")
        void same() {
            assertThat(SlackInteractions.workspaceRefusal(PINNED, payload("T0ELEVATE1", "A0ELEVATE1", "T0ELEVATE1")))
                    .isNull();
        }

        @Test
        @DisplayName("then another workspace or another app is refused")
        void other() {
            assertThat(SlackInteractions.workspaceRefusal(PINNED, payload("T0OTHER001", "A0ELEVATE1", "T0OTHER001")))
                    .contains("another Slack workspace");
            assertThat(SlackInteractions.workspaceRefusal(PINNED, payload("T0ELEVATE1", "A0OTHER001", "T0ELEVATE1")))
                    .contains("another Slack app");
        }

        @Test
        @DisplayName("then a Slack user of another workspace is refused, even when Slack does not call them a stranger")
        void otherTeamUser() {
            assertThat(SlackUsers.refusal(user("T0OTHER001", false), "T0ELEVATE1")).contains("not of this");
            assertThat(SlackUsers.refusal(user("T0ELEVATE1", false), "T0ELEVATE1")).isNull();
        }
    }

    @Nested
    @DisplayName("given a Slack Connect guest (another organisation in a shared channel)")
    class Stranger {

        @Test
        @DisplayName("then the payload naming the guest's own team is refused, even without a pinned workspace")
        void guest() {
            assertThat(SlackInteractions.workspaceRefusal(UNPINNED, payload("T0ELEVATE1", "A0ELEVATE1", "T0GUEST001")))
                    .contains("Slack Connect");
        }

        @Test
        @DisplayName("then a user Slack marks as a stranger is refused")
        void stranger() {
            assertThat(SlackUsers.refusal(user("T0GUEST001", true), null)).contains("Slack Connect");
            assertThat(SlackUsers.find(null, null, new SlackUsers.Profile("U0ALICE01", "a@x.test", "refused")).refusal())
                    .isEqualTo("refused");
        }
    }
}
