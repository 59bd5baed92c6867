package io.elevate.cli.api;

import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The elevation API's answers as text")
class ViewsTest {

    private static final String HOSTILE = "\u001b]0;ok\u0007\u001b[2J\u001b[32mAll checks passed";

    @Test
    @DisplayName("given a justification with terminal escapes, then `elevate approve` shows it escaped")
    void requestEscaped() {
        String text = new Views(ZoneOffset.UTC).request(request());

        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("\\x1b]0;ok\\x07\\x1b[2J\\x1b[32mAll checks passed");
    }

    @Test
    @DisplayName("given a request whose policy allows role chaining and names a shell user, then `elevate approve` says so; otherwise not")
    void roleChainingShown() {
        ObjectNode chaining = (ObjectNode) request();
        chaining.put("roleChaining", true);
        chaining.put("runAsUser", "ops-shell");

        assertThat(new Views(ZoneOffset.UTC).request(chaining)).containsPattern("role chaining: +allowed")
                .containsPattern("shell user: +ops-shell");
        assertThat(new Views(ZoneOffset.UTC).request(request())).doesNotContain("role chaining")
                .doesNotContain("shell user");
    }

    @Test
    @DisplayName("given a requester name with escapes, then `elevate list` shows it escaped")
    void listEscaped() {
        ArrayNode list = Http.JSON.createArrayNode().add(request());

        assertThat(new Views(ZoneOffset.UTC).requests(list, true)).doesNotContain("\u001b")
                .contains("eve\\x1b[8m");
    }

    @Test
    @DisplayName("given a refusal whose message carries escapes, then its lines show them escaped")
    void refusalEscaped() {
        ObjectNode error = Http.JSON.createObjectNode().put("error", "invalid_request")
                .put("error_description", "bad\u001b[2J");
        error.putArray("violations").addObject().put("field", "comment").put("message", HOSTILE);
        Http.Response response = new Http.Response(400, error.toString());

        assertThat(ElevationApi.refusal(response)).doesNotContain("\u001b").contains("bad\\x1b[2J");
    }

    @Test
    @DisplayName("given a dry run's explanation, then `elevate request --dry-run` names the outcome, the rule, each "
            + "rule's answer and the stages, and says nothing was requested")
    void explanation() throws Exception {
        JsonNode explanation = Http.JSON.readTree("""
                {"policyName": "Web", "outcome": "DENIED", "reason": "deny rule 'night' holds", "rule": "night",
                 "violations": [],
                 "denyRules": [{"name": "night", "holds": true}, {"name": "broken", "error": "no such key"}],
                 "autoApproveRules": [{"name": "short", "holds": null}],
                 "stages": [{"number": 1, "name": "lead", "approverGroups": ["/leads"], "approvalsRequired": 1,
                             "possibleApprovers": 2}]}
                """);

        assertThat(new Views(ZoneOffset.UTC).explanation(explanation)).contains("Dry run under Web: DENIED")
                .contains("rule:         night").contains("deny rule:    night: holds")
                .contains("broken: error: no such key").contains("short: not evaluated")
                .contains("stage 1:      lead: 1 of [\"/leads\"] (2 could approve)").contains("Nothing was requested.");
    }

    private static JsonNode request() {
        return Http.JSON.createObjectNode().put("id", "r-1").put("status", "REQUESTED").put("requester", "eve\u001b[8m")
                .put("accountId", "123456789012").put("roleName", "Ops").put("region", "eu-west-1")
                .put("justification", HOSTILE).put("startsAt", "2026-11-21T09:00:00Z")
                .put("endsAt", "2026-11-21T10:00:00Z");
    }
}
