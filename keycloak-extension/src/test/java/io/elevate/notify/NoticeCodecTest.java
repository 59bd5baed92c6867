package io.elevate.notify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A notice kept in the outbox")
class NoticeCodecTest {

    @Test
    @DisplayName("given a notice written to a row, then it reads back equal, user text and times included")
    void roundTrips() {
        Notice notice = TestNotices.requested("Öpe <b>rator</b>");

        String payload = NoticeCodec.write(notice);

        assertThat(NoticeCodec.read(payload)).isEqualTo(notice);
        assertThat(payload).contains("\"startsAt\":\"").doesNotContain("openAt").doesNotContain("roleArn");
    }
}
