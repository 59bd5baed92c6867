package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.WindowStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Slack message of a request")
class SlackMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode render(Notice notice, ElevationWindow current, boolean portalOnly) throws Exception {
        return JSON.readTree(SlackMessages.json(SlackMessages.blocks(notice, current, portalOnly)));
    }

    private static ElevationWindow decided(ElevationWindow w, WindowStatus status, String by, String comment) {
        RequestInfo r = w.request();
        return new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(), w.startsAt(),
                w.endsAt(), status, w.justification(), w.createdBy(), by, w.createdAt(), null, null, null,
                new RequestInfo(r.policyId(), r.ticket(), r.breakGlass(), r.approvalsRequired(), r.expiresAt(), by,
                        w.startsAt(), comment, null, null, null, null, r.round(), false));
    }

    @Nested
    @DisplayName("given a request waiting for approvers")
    class Waiting {

        @Test
        @DisplayName("then it shows the facts, user text escaped, and Approve, Reject and the portal")
        void buttons() throws Exception {
            Notice notice = TestNotices.requested("Olga Operator");
            JsonNode blocks = render(notice, notice.window(), false);

            assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
            assertThat(blocks.toString()).contains("&lt;script&gt;").doesNotContain("<script>").contains("INC42")
                    .contains("Waiting for 1 approval");
            JsonNode actions = blocks.get(blocks.size() - 1);
            assertThat(actions.path("block_id").asText()).isEqualTo(SlackMessages.DECISION_BLOCK);
            assertThat(actions.path("elements").findValuesAsText("action_id")).containsExactly(
                    SlackMessages.APPROVE, SlackMessages.REJECT, SlackMessages.OPEN);
            assertThat(actions.path("elements").get(0).path("value").asText()).isEqualTo("e-1");
            assertThat(actions.path("elements").get(2).path("url").asText())
                    .as("the link opens the request's own page, not the portal's front page")
                    .isEqualTo("https://sso.example.com/realms/demo/elevation/portal/requests/e-1");
        }

        @Test
        @DisplayName("then a policy asking approvers for a level of authentication gets only the portal's button")
        void portalOnly() throws Exception {
            Notice notice = TestNotices.requested("Olga Operator");
            JsonNode actions = render(notice, notice.window(), true).path(4);

            assertThat(actions.path("elements").findValuesAsText("action_id")).containsExactly(SlackMessages.OPEN);
            assertThat(actions.path("elements").get(0).path("url").asText())
                    .as("the button opens the request in the approver's queue, where it is decided")
                    .isEqualTo("https://sso.example.com/realms/demo/elevation/portal?focus=waiting-e-1");
        }

        @Test
        @DisplayName("then an extension shows the minutes asked and the extension's own justification")
        void extension() throws Exception {
            Notice notice = TestNotices.requested("Olga Operator");
            JsonNode blocks = render(notice, TestNotices.extensionAsked(notice.window(), 45, "one more <hour>"),
                    false);

            assertThat(blocks.get(1).toString()).contains("*Extension asked*").contains("45 minutes");
            assertThat(blocks.get(2).toString()).contains("one more &lt;hour&gt;");
            assertThat(blocks.get(4).path("elements").findValuesAsText("action_id"))
                    .containsExactly(SlackMessages.APPROVE, SlackMessages.REJECT, SlackMessages.OPEN);
        }
    }

    @Nested
    @DisplayName("given a break-glass window")
    class BreakGlass {

        @Test
        @DisplayName("then it is loud, says it was opened without approval, and links to its review, with no buttons")
        void loud() throws Exception {
            Notice notice = TestNotices.breakGlass("Olga Operator");
            JsonNode blocks = render(notice, notice.window(), false);

            assertThat(blocks.get(0).path("text").path("text").asText())
                    .startsWith(":rotating_light: Break-glass: Olga Operator opened elevated AWS access"
                            + " without approval");
            assertThat(blocks.get(3).toString()).contains("Opened without approval: review needed");
            JsonNode actions = blocks.get(4);
            assertThat(actions.path("elements").findValuesAsText("action_id")).containsExactly(SlackMessages.OPEN);
            assertThat(actions.path("elements").get(0).path("text").path("text").asText())
                    .isEqualTo("Review in the portal");
            assertThat(actions.path("elements").get(0).path("url").asText())
                    .isEqualTo("https://sso.example.com/realms/demo/elevation/portal?focus=review-e-1");
        }
    }

    @Nested
    @DisplayName("given a decided request")
    class Decided {

        @Test
        @DisplayName("then it shows who decided and why, and no decision buttons")
        void noButtons() throws Exception {
            Notice notice = TestNotices.requested("Olga Operator");
            JsonNode blocks = render(notice, decided(notice.window(), WindowStatus.REJECTED, "approver", "not <now>"),
                    false);

            assertThat(blocks.toString()).contains("Rejected by approver").contains("not &lt;now&gt;")
                    .doesNotContain(SlackMessages.APPROVE).doesNotContain(SlackMessages.REJECT);
        }
    }

    @Nested
    @DisplayName("given a requester whose display name holds Slack markup")
    class Fallback {

        @Test
        @DisplayName("then the top-level text escapes it, so it cannot mention the channel")
        void escaped() {
            Notice notice = TestNotices.requested("Mallory <!channel> & <@U123>");

            assertThat(SlackMessages.fallback(notice, notice.window()))
                    .contains("Mallory &lt;!channel&gt; &amp; &lt;@U123&gt;")
                    .doesNotContain("<!channel>").doesNotContain("<@U123>");
        }
    }
}
