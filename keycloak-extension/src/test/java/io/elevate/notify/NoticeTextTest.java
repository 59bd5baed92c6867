package io.elevate.notify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A notice in plain text")
class NoticeTextTest {

    @Test
    @DisplayName("given a name with terminal escapes, then the subject and body show them escaped, acting on nothing")
    void escapesNeutralised() {
        NoticeText text = NoticeText.of(TestNotices.requested("Eve\u001b]0;pwned\u0007\u001b[2J\u202Emid"));

        assertThat(text.subject()).contains("Eve\\x1b]0;pwned\\x07\\x1b[2J\\u202emid").doesNotContain("\u001b");
        assertThat(text.subjectAttributes().get(0)).isEqualTo("Eve\\x1b]0;pwned\\x07\\x1b[2J\\u202emid (operator)");
        assertThat(String.join("\n", text.fields().values())).doesNotContain("\u001b").doesNotContain("\u0007")
                .doesNotContain("\u202E");
    }

    @Test
    @DisplayName("given typed text with a line break, then it stays on its line, so it cannot forge another field")
    void lineBreaksShown() {
        assertThat(NoticeText.shown("fine\nElevation id: forged")).isEqualTo("fine\\x0aElevation id: forged");
        assertThat(NoticeText.shown("Zürich 🚀")).isEqualTo("Zürich 🚀");
    }

    @Test
    @DisplayName("given a request, then the template gets every field and the subject's key names the kind")
    void templateFields() {
        NoticeText text = NoticeText.of(TestNotices.requested("Eve"));

        assertThat(text.subjectKey()).isEqualTo("elevateNoticeSubject_REQUESTED");
        assertThat(text.fields()).containsEntry("kind", "REQUESTED").containsEntry("ticket", "INC42")
                .containsEntry("justification", TestNotices.JUSTIFICATION).containsKeys("target", "tags", "startsAt",
                        "endsAt", "id", "portalUrl").doesNotContainKeys("comment", "reason");
    }
}
