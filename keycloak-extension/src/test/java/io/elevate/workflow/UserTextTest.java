package io.elevate.workflow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Text a person typed")
class UserTextTest {

    @Nested
    @DisplayName("given a single-line field")
    class SingleLine {

        @Test
        @DisplayName("then a plain value passes as it is")
        void plainValuePasses() {
            assertThat(UserText.check("ticket", "CHG1", 64, false)).isEmpty();
            assertThat(UserText.check("ticket", "Zürich 🚀", 64, false)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"CHG1\n", "CHG1\u0000", "CHG\t1", "CHG1\r", "\u001b[2JCHG1", "CHG\u00851"})
        @DisplayName("then a control character, line break or tab is refused, naming the field")
        void controlCharactersRefused(String value) {
            assertThat(UserText.check("ticket", value, 64, false)).hasValueSatisfying(v -> {
                assertThat(v.field()).isEqualTo("ticket");
                assertThat(v.message()).contains("control character").contains("single line");
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {" CHG1", "CHG1 ", "CHG1\u00a0", "\u2003CHG1"})
        @DisplayName("then leading or trailing whitespace is refused, not trimmed")
        void edgeWhitespaceRefused(String value) {
            assertThat(UserText.check("ticket", value, 64, false))
                    .hasValueSatisfying(v -> assertThat(v.message()).contains("whitespace"));
        }
    }

    @Nested
    @DisplayName("given a field of several lines")
    class Multiline {

        @Test
        @DisplayName("then tabs and line breaks pass, and so does whitespace around the text")
        void linesPass() {
            assertThat(UserText.check("justification", "line one\r\n\tline two\n", 1024, true)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u001b]0;title\u0007", "ok\u001b[32mAll checks passed", "bell\u0007", "del\u007f"})
        @DisplayName("then terminal escapes and other control characters are refused")
        void escapesRefused(String value) {
            assertThat(UserText.check("justification", value, 1024, true))
                    .hasValueSatisfying(v -> assertThat(v.message()).contains("control character"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u202Eevil", "a\u202Ab", "x\u2066y\u2069", "zero\u200Bwidth", "\uFEFFbom",
                "mark\u200F", "sep\u2028arator"})
        @DisplayName("then bidi overrides, isolates, zero-width characters and separators are refused")
        void invisibleFormatControlsRefused(String value) {
            assertThat(UserText.check("comment", value, 1024, true))
                    .hasValueSatisfying(v -> assertThat(v.message()).contains("U+"));
        }
    }

    @Nested
    @DisplayName("given a length limit")
    class Length {

        @Test
        @DisplayName("then code points are counted, not UTF-16 units")
        void countsCodePoints() {
            String rockets = "🚀".repeat(10);
            assertThat(rockets.length()).isEqualTo(20);
            assertThat(UserText.check("comment", rockets, 10, true)).isEmpty();
            assertThat(UserText.check("comment", rockets + "x", 10, true))
                    .hasValueSatisfying(v -> assertThat(v.message()).isEqualTo("is 11 characters long; at most 10 are"
                            + " allowed"));
        }
    }

    @Test
    @DisplayName("given no value, then no rule is broken")
    void nullPasses() {
        assertThat(UserText.check("comment", null, 1, false)).isEmpty();
    }
}
