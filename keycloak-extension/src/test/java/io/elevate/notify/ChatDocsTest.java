package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.TestWindows;
import io.elevate.window.WindowStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack blocks and the Teams card that docs/chat.md shows are what Elevate sends: each JSON example of the page,
 * in order, equals the rendering of the page's example request.
 */
@DisplayName("The chat examples of docs/chat.md")
class ChatDocsTest {

    private static final Path PAGE = Path.of(System.getProperty("elevate.root", "..")).toAbsolutePath().normalize()
            .resolve("docs/chat.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "6f1c2a9e-8d7b-4c1e-9a55-2f0d3b7e4c11";

    /** The page's fenced JSON examples, in order. */
    private static List<JsonNode> examples() throws IOException {
        List<JsonNode> examples = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(PAGE)) {
            if (block == null && line.equals("```json")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                examples.add(JSON.readTree(block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return examples;
    }

    /** Olga's request, waiting for one approval, as the page tells it. */
    private static Notice example(WindowStatus status, String decidedBy, Instant decidedAt, String comment) {
        ElevationWindow w = TestWindows.window(ID, TestWindows.target(Map.of("AppId", "ABC")),
                Instant.parse("2026-12-05T09:00:00Z"), Instant.parse("2026-12-05T10:00:00Z"));
        ElevationWindow window = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                w.startsAt(), w.endsAt(), status,
                "INC-4711: payments API 5xx since 08:40, need to read the app logs on the host", "olga", decidedBy,
                w.createdAt(), null, null, null, new RequestInfo("policy-1", "INC-4711", false, 1,
                decidedBy == null ? Instant.parse("2026-12-05T11:00:00Z") : null, decidedBy, decidedAt, comment,
                null, null, null, null, 0, false));
        return new Notice(Notice.Kind.REQUESTED, window, new Notice.Person("olga", "Olga Operator", "olga@example.com"),
                List.of(), "https://sso.example.com/realms/ops/elevation/portal");
    }

    private static JsonNode slack(Notice notice) throws IOException {
        return JSON.readTree(SlackMessages.json(SlackMessages.blocks(notice, notice.window(), false)));
    }

    @Nested
    @DisplayName("given the page's example request")
    class Examples {

        @Test
        @DisplayName("then the Slack blocks while it waits, after its approval, and its Teams card are the page's")
        void asDocumented() throws Exception {
            List<JsonNode> examples = examples();
            assertThat(examples).hasSize(3);

            assertThat(slack(example(WindowStatus.REQUESTED, null, null, null))).isEqualTo(examples.get(0));
            assertThat(slack(example(WindowStatus.APPROVED, "anna", Instant.parse("2026-12-05T08:59:00Z"),
                    "go ahead"))).isEqualTo(examples.get(1));
            assertThat(JSON.readTree(NoticeJson.write(TeamsCard.message(example(WindowStatus.REQUESTED, null, null,
                    null))))).isEqualTo(examples.get(2));
        }
    }
}
