package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.WindowStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Teams card of a notice")
class TeamsCardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode card(Notice notice) throws Exception {
        JsonNode message = JSON.readTree(NoticeJson.write(TeamsCard.message(notice)));
        assertThat(message.path("type").asText()).isEqualTo("message");
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        return attachment.path("content");
    }

    private static Map<String, String> facts(JsonNode card) {
        Map<String, String> facts = new HashMap<>();
        for (JsonNode block : card.path("body")) {
            if (block.path("type").asText().equals("FactSet")) {
                block.path("facts").forEach(f -> facts.put(f.path("title").asText(), f.path("value").asText()));
            }
        }
        return facts;
    }

    @Nested
    @DisplayName("given a request")
    class Requested {

        @Test
        @DisplayName("then the card has the Slack message's facts, user text escaped, and opens the request's page")
        void sameFacts() throws Exception {
            JsonNode card = card(TestNotices.requested("Olga Operator"));

            assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(facts(card)).containsEntry("Requester", "Olga Operator \\(operator\\)")
                    .containsEntry("Ticket", "INC42").containsEntry("State", "REQUESTED")
                    .containsKeys("Role", "Instance", "Window").doesNotContainKey("Decided by");
            assertThat(card.path("body").get(2).path("text").asText()).startsWith("Justification: INC42")
                    .contains("\\<script\\>").doesNotContain("<script>");
            JsonNode open = card.path("actions").get(0);
            assertThat(open.path("type").asText()).isEqualTo("Action.OpenUrl");
            assertThat(open.path("title").asText()).isEqualTo("Open in the portal");
            assertThat(open.path("url").asText())
                    .isEqualTo("https://sso.example.com/realms/demo/elevation/portal/requests/e-1");
        }

        @Test
        @DisplayName("then an extension's card shows the minutes asked and the extension's justification")
        void extension() throws Exception {
            Notice notice = TestNotices.requested("Olga Operator");
            JsonNode card = card(TestNotices.as(notice, Notice.Kind.REQUESTED,
                    TestNotices.extensionAsked(notice.window(), 45, "one more hour")));

            assertThat(facts(card)).containsEntry("Extension asked", "45 minutes");
            assertThat(card.path("body").get(2).path("text").asText()).isEqualTo("Justification: one more hour");
        }
    }

    @Nested
    @DisplayName("given a decision")
    class Decided {

        @Test
        @DisplayName("then an approval, a rejection and a revocation each say who made it")
        void whoDecided() throws Exception {
            Notice notice = TestNotices.requested("Olga Operator");
            ElevationWindow w = notice.window();
            RequestInfo r = w.request();
            ElevationWindow rejected = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                    w.startsAt(), w.endsAt(), WindowStatus.REJECTED, w.justification(), w.createdBy(), null,
                    w.createdAt(), null, null, null, new RequestInfo(r.policyId(), r.ticket(), false, 1, null,
                    "anna", w.startsAt(), "not now", null, null, null, null, 0, false));
            ElevationWindow approved = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                    w.startsAt(), w.endsAt(), WindowStatus.APPROVED, w.justification(), w.createdBy(), "anna",
                    w.createdAt(), null, null, null, new RequestInfo(r.policyId(), r.ticket(), false, 1, null,
                    null, null, null, null, null, null, null, 0, false));
            ElevationWindow revoked = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                    w.startsAt(), w.endsAt(), WindowStatus.REVOKED, w.justification(), w.createdBy(), "anna",
                    w.createdAt(), "sec-officer", w.startsAt(), "incident over", r);

            JsonNode rejectedCard = card(TestNotices.as(notice, Notice.Kind.REJECTED, rejected));
            assertThat(rejectedCard.path("body").get(0).path("text").asText())
                    .isEqualTo("Rejected: Olga Operator's request for elevated AWS access");
            assertThat(facts(rejectedCard)).containsEntry("Decided by", "anna").containsEntry("Comment", "not now")
                    .containsEntry("State", "REJECTED");
            assertThat(facts(card(TestNotices.as(notice, Notice.Kind.APPROVED, approved))))
                    .containsEntry("Decided by", "anna");
            assertThat(facts(card(TestNotices.as(notice, Notice.Kind.REVOKED, revoked))))
                    .containsEntry("Revoked by", "sec-officer").containsEntry("Reason", "incident over");
        }
    }

    @Nested
    @DisplayName("given a break-glass window")
    class BreakGlass {

        @Test
        @DisplayName("then its card is in the attention colour and asks for a review")
        void loud() throws Exception {
            JsonNode title = card(TestNotices.breakGlass("Olga Operator")).path("body").get(0);

            assertThat(title.path("color").asText()).isEqualTo("Attention");
            assertThat(title.path("text").asText()).contains("Break-glass: Olga Operator opened elevated AWS access"
                    + " without approval; review it");
        }

        @Test
        @DisplayName("then its action opens it in the reviewer's queue, as the Slack message's does")
        void linksToItsReview() throws Exception {
            JsonNode open = card(TestNotices.breakGlass("Olga Operator")).path("actions").get(0);

            assertThat(open.path("title").asText()).isEqualTo("Review in the portal");
            assertThat(open.path("url").asText())
                    .isEqualTo("https://sso.example.com/realms/demo/elevation/portal?focus=review-e-1");
        }
    }
}
