package io.elevate.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Server text printed to a terminal")
class TerminalTest {

    @Test
    @DisplayName("given OSC, CSI and bell sequences, then they are shown escaped")
    void escapesShown() {
        assertThat(Terminal.shown("\u001b]0;title\u0007\u001b[2J\u001b[32mAll checks passed"))
                .isEqualTo("\\x1b]0;title\\x07\\x1b[2J\\x1b[32mAll checks passed");
    }

    @Test
    @DisplayName("given C1 controls, bidi overrides and zero-width characters, then they are shown escaped")
    void invisibleShown() {
        assertThat(Terminal.shown("a\u009b2Jb\u202Ec\u2066d\u200Be")).isEqualTo("a\\x9b2Jb\\u202ec\\u2066d\\u200be");
    }

    @Test
    @DisplayName("given several lines, then shown keeps them on one line and shownLines keeps the line breaks")
    void lines() {
        assertThat(Terminal.shown("one\ntwo\r")).isEqualTo("one\\x0atwo\\x0d");
        assertThat(Terminal.shownLines("one\ntwo\r")).isEqualTo("one\ntwo\\x0d");
    }

    @Test
    @DisplayName("given plain text in any script, then it is printed as it is")
    void plainText() {
        assertThat(Terminal.shown("Zürich — 東京 🚀")).isEqualTo("Zürich — 東京 🚀");
    }
}
