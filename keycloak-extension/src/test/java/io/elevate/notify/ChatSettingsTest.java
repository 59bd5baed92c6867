package io.elevate.notify;

import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Chat settings")
class ChatSettingsTest {

    private static final String TOKEN = "xoxb-1234567890-abcdefghij";
    private static final String SECRET = "8f742231b10e8888abcd99eeefff85a5";

    private static List<Violation> violations(Map<String, List<String>> config) {
        List<Violation> violations = new ArrayList<>();
        ChatSettings.read(config, violations);
        return violations;
    }

    @Nested
    @DisplayName("given valid settings")
    class Valid {

        @Test
        @DisplayName("then a policy's own channel and Teams webhook win over the realm's, by id or name")
        void perPolicy() {
            List<Violation> violations = new ArrayList<>();
            ChatSettings chat = ChatSettings.read(Map.of(
                    ChatSettings.SLACK_BOT_TOKEN, List.of(TOKEN),
                    ChatSettings.SLACK_SIGNING_SECRET, List.of(SECRET),
                    ChatSettings.SLACK_CHANNEL, List.of("C0DEFAULT1"),
                    ChatSettings.SLACK_POLICY_CHANNELS, List.of("prod=#prod-access", "p-123=G0PRIVATE1"),
                    ChatSettings.TEAMS_WEBHOOK_URL, List.of("${vault.teams}"),
                    ChatSettings.TEAMS_POLICY_WEBHOOKS, List.of("prod=${vault.teams-prod}")),
                    violations);

            assertThat(violations).isEmpty();
            assertThat(chat.slackChannelOf("p-9", "prod")).isEqualTo("#prod-access");
            assertThat(chat.slackChannelOf("p-123", "renamed")).isEqualTo("G0PRIVATE1");
            assertThat(chat.slackChannelOf("p-7", "dev")).isEqualTo("C0DEFAULT1");
            assertThat(chat.teamsWebhookOf("p-9", "prod")).isEqualTo("${vault.teams-prod}");
            assertThat(chat.teamsWebhookOf("p-7", "dev")).isEqualTo("${vault.teams}");
            assertThat(chat.slack()).isTrue();
            assertThat(chat.teams()).isTrue();
        }

        @Test
        @DisplayName("then vault references stand for the token and the secret")
        void vault() {
            assertThat(violations(Map.of(ChatSettings.SLACK_BOT_TOKEN, List.of("${vault.slack-bot}"),
                    ChatSettings.SLACK_SIGNING_SECRET, List.of("${vault.slack-secret}")))).isEmpty();
        }
    }

    @Nested
    @DisplayName("given invalid settings")
    class Invalid {

        @Test
        @DisplayName("then every broken rule is listed, none rewritten")
        void listsEveryViolation() {
            List<Violation> violations = violations(Map.of(
                    ChatSettings.SLACK_BOT_TOKEN, List.of("xoxp-user-token"),
                    ChatSettings.SLACK_CHANNEL, List.of("general"),
                    ChatSettings.SLACK_POLICY_CHANNELS, List.of("prod", "dev=#dev", "dev=#dev2"),
                    ChatSettings.SLACK_DIRECT_MESSAGES, List.of("yes"),
                    ChatSettings.TEAMS_WEBHOOK_URL, List.of("http://teams.example.com/hook")));

            assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder(
                    ChatSettings.SLACK_BOT_TOKEN, ChatSettings.SLACK_SIGNING_SECRET, ChatSettings.SLACK_CHANNEL,
                    ChatSettings.SLACK_POLICY_CHANNELS, ChatSettings.SLACK_POLICY_CHANNELS,
                    ChatSettings.SLACK_DIRECT_MESSAGES, ChatSettings.TEAMS_WEBHOOK_URL);
        }

        @Test
        @DisplayName("then a bot token without a signing secret is refused: presses could not be verified")
        void tokenNeedsSecret() {
            assertThat(violations(Map.of(ChatSettings.SLACK_BOT_TOKEN, List.of(TOKEN))))
                    .extracting(Violation::field).containsExactly(ChatSettings.SLACK_SIGNING_SECRET);
        }
    
        @Test
        @DisplayName("then a policy's Teams webhook given as a URL (with its sig= secret) is refused, never echoed")
        void teamsPolicyWebhookInClear() {
            List<Violation> violations = violations(Map.of(ChatSettings.TEAMS_POLICY_WEBHOOKS, List.of(
                    "prod=https://prod.example.com/workflows/x?sig=s3cr3t", "dev=${vault.teams-dev}",
                    "https://x.example.com/?sig=s3cr3t")));

            assertThat(violations).extracting(Violation::field).containsExactly(
                    ChatSettings.TEAMS_POLICY_WEBHOOKS, ChatSettings.TEAMS_POLICY_WEBHOOKS);
            assertThat(violations.get(0).toString()).contains("entry 1").contains("vault reference");
            assertThat(violations.toString()).doesNotContain("s3cr3t").doesNotContain("example.com");
        }
    
        @Test
        @DisplayName("then a realm Teams webhook that is not a URL is refused without echoing it (its sig= secret)")
        void teamsWebhookNotAUrl() {
            List<Violation> violations = violations(Map.of(ChatSettings.TEAMS_WEBHOOK_URL, List.of(
                    "https://prod.example.com/workflows/x?sig=s3cr3t value")));

            assertThat(violations).extracting(Violation::field).containsExactly(ChatSettings.TEAMS_WEBHOOK_URL);
            assertThat(violations.get(0).message()).contains("not a URL");
            assertThat(violations.toString()).doesNotContain("s3cr3t").doesNotContain("example.com");
        }

        @Test
        @DisplayName("then a Slack workspace or app id of the wrong form is refused")
        void workspace() {
            assertThat(violations(Map.of(ChatSettings.SLACK_TEAM_ID, List.of("elevate"),
                    ChatSettings.SLACK_APP_ID, List.of("T0ELEVATE1")))).extracting(Violation::field)
                    .containsExactly(ChatSettings.SLACK_TEAM_ID, ChatSettings.SLACK_APP_ID);
            ChatSettings chat = ChatSettings.read(Map.of(ChatSettings.SLACK_TEAM_ID, List.of("T0ELEVATE1"),
                    ChatSettings.SLACK_APP_ID, List.of("A0ELEVATE1")), new ArrayList<>());
            assertThat(chat.slackTeamId()).isEqualTo("T0ELEVATE1");
            assertThat(chat.slackAppId()).isEqualTo("A0ELEVATE1");
        }
    }
}
