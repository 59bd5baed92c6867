package io.elevate.api;

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
        StrictJson.Parsed body = StrictJson.read("{\"comment\":\"fine\"}");

        assertThat(body.problem()).isNull();
        assertThat(body.json().path("comment").asText()).isEqualTo("fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"comment\":\"a\"}xyz", "{\"comment\":\"a\"}{\"comment\":\"b\"}", "{\"comment\":\"a\"} 1"})
    @DisplayName("given anything after the object, then refused saying what was found there")
    void trailingTokensRefused(String json) {
        StrictJson.Parsed body = StrictJson.read(json);

        assertThat(body.json()).isNull();
        assertThat(body.problem()).contains("not one well-formed JSON object").containsAnyOf("Trailing token", "Unrecognized token");
    }

    @Test
    @DisplayName("given a key twice, then refused naming the duplicate, not the last value winning")
    void duplicateKeysRefused() {
        StrictJson.Parsed body = StrictJson.read("{\"comment\":\"a\",\"comment\":\"b\"}");

        assertThat(body.json()).isNull();
        assertThat(body.problem()).contains("Duplicate field 'comment'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "[]", "\"text\"", "null", "{"})
    @DisplayName("given no object at all, then refused")
    void notAnObjectRefused(String json) {
        assertThat(StrictJson.read(json).problem()).isNotNull();
        assertThat(StrictJson.read(json).json()).isNull();
    }
}
