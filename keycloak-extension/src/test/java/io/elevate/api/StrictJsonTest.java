package io.elevate.api;

import io.elevate.aws.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A request body read strictly")
class StrictJsonTest {

    @Test
    @DisplayName("given one JSON object, then it is read")
    void oneObject() {
        StrictJson.Body body = StrictJson.object("{\"comment\":\"fine\"}");

        assertThat(body.refusal()).isNull();
        assertThat(body.json().path("comment").asText()).isEqualTo("fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"comment\":\"a\"}xyz", "{\"comment\":\"a\"}{\"comment\":\"b\"}", "{\"comment\":\"a\"} 1"})
    @DisplayName("given anything after the object, then 400 saying a trailing token was found")
    void trailingTokensRefused(String json) {
        StrictJson.Body body = StrictJson.object(json);

        assertThat(body.json()).isNull();
        assertThat(body.refusal().getStatus()).isEqualTo(400);
        assertThat(error(body).error_description()).contains("not one well-formed JSON object");
    }

    @Test
    @DisplayName("given a key twice, then 400 naming the duplicate, not the last value winning")
    void duplicateKeysRefused() {
        StrictJson.Body body = StrictJson.object("{\"comment\":\"a\",\"comment\":\"b\"}");

        assertThat(body.refusal().getStatus()).isEqualTo(400);
        assertThat(error(body).error_description()).contains("Duplicate field 'comment'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "[]", "\"text\"", "null", "{"})
    @DisplayName("given no object at all, then 400")
    void notAnObjectRefused(String json) {
        assertThat(StrictJson.object(json).refusal().getStatus()).isEqualTo(400);
    }

    @Test
    @DisplayName("given a refusal, then its body is the API's error with no violations")
    void refusalHasApiErrorBody() {
        ApiError error = error(StrictJson.object("{}x"));

        assertThat(error.error()).isEqualTo("invalid_request");
        assertThat(error.violations()).isEqualTo(java.util.List.<Violation>of());
    }

    private static ApiError error(StrictJson.Body body) {
        return (ApiError) body.refusal().getEntity();
    }
}
