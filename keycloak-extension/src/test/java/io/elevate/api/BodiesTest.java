package io.elevate.api;

import io.elevate.validation.Violation;
import io.elevate.workflow.RequestDraft;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A request body read into its typed value")
class BodiesTest {

    @Nested
    @DisplayName("given a decision (approve, reject, review)")
    class Decisions {

        @Test
        @DisplayName("then a comment of several lines is read as sent")
        void commentAsSent() {
            Bodies.Read<String> read = Bodies.COMMENT.read(json("{\"comment\":\"  looks right\\nticket checked\\n\"}"));

            assertThat(read.valid()).isTrue();
            assertThat(read.value()).isEqualTo("  looks right\nticket checked\n");
        }

        @Test
        @DisplayName("then a comment over 1024 characters is refused, not dropped")
        void longCommentRefused() {
            Bodies.Read<String> read = Bodies.COMMENT.read(json("{\"comment\":\"" + "x".repeat(1025) + "\"}"));

            assertThat(read.valid()).isFalse();
            assertThat(read.value()).isNull();
            assertThat(read.violations()).extracting(Violation::field).containsExactly("comment");
        }

        @Test
        @DisplayName("then a number as comment and an unknown field are both refused")
        void everyViolationListed() {
            Bodies.Read<String> read = Bodies.COMMENT.read(json("{\"comment\":42,\"approvalsRequired\":0}"));

            assertThat(read.violations()).extracting(Violation::field)
                    .containsExactlyInAnyOrder("comment", "approvalsRequired");
        }

        @Test
        @DisplayName("then a terminal escape in a comment is refused naming the field")
        void escapeRefused() {
            Bodies.Read<String> read = Bodies.COMMENT.read(json("{\"comment\":\"\\u001b[2J ok\"}"));

            assertThat(read.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("comment");
                assertThat(v.message()).contains("U+001B");
            });
        }
    }

    @Nested
    @DisplayName("given a request")
    class Requests {

        @Test
        @DisplayName("then every field is read as sent")
        void readAsSent() {
            Bodies.Read<RequestDraft> read = Bodies.REQUEST.read(json("{\"policy\":\"p\",\"instanceId\":"
                    + "\"i-0123456789abcdef0\",\"justification\":\"why\",\"ticket\":\"CHG1\",\"durationMinutes\":60,"
                    + "\"startsAt\":\"2026-11-21T09:00:00Z\"}"));

            assertThat(read.value()).isEqualTo(new RequestDraft("p", "i-0123456789abcdef0", "why", "CHG1", 60,
                    Instant.parse("2026-11-21T09:00:00Z")));
        }

        @Test
        @DisplayName("then a ticket with a line break or NUL, a padded policy and a year out of range are all refused")
        void normalisationRefused() {
            Bodies.Read<RequestDraft> read = Bodies.REQUEST.read(json("{\"policy\":\" p\",\"ticket\":\"CHG1\\n\","
                    + "\"instanceId\":\"i-1\\u0000\",\"durationMinutes\":60,\"startsAt\":\"+1000000000-01-01T00:00:00Z\"}"));

            assertThat(read.violations()).extracting(Violation::field)
                    .containsExactlyInAnyOrder("policy", "ticket", "instanceId", "startsAt");
        }

        @Test
        @DisplayName("then break-glass refuses a start, since it opens now")
        void breakGlassHasNoStart() {
            Bodies.Read<RequestDraft> read = Bodies.BREAK_GLASS.read(json("{\"policy\":\"p\",\"durationMinutes\":5,"
                    + "\"startsAt\":\"2026-11-21T09:00:00Z\"}"));

            assertThat(read.violations()).extracting(Violation::field).containsExactly("startsAt");
        }
    }

    @Test
    @DisplayName("given an extension with minutes as text, then it is refused")
    void extensionMinutesTyped() {
        assertThat(Bodies.EXTENSION.read(json("{\"minutes\":\"30\",\"justification\":\"more\"}")).violations())
                .extracting(Violation::field).containsExactly("minutes");
        assertThat(Bodies.EXTENSION.read(json("{\"minutes\":30,\"justification\":\"more\"}")).value())
                .isEqualTo(new Bodies.Extension(30, "more"));
    }

    private static JsonNode json(String text) {
        StrictJson.Parsed body = StrictJson.read(text);
        assertThat(body.problem()).isNull();
        return body.json();
    }
}
