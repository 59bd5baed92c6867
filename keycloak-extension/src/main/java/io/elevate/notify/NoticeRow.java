package io.elevate.notify;

import java.time.Instant;

/** One row of the notice outbox as the admin API shows it. */
public record NoticeRow(String id, String windowId, Notice.Kind kind, NoticeChannel channel, String receiver,
                        NoticeState state, int attempts, Instant createdAt, Instant nextAttemptAt, String lastError,
                        Instant sentAt) {

    static NoticeRow of(NoticeEntity e) {
        return new NoticeRow(e.getId(), e.getWindowId(), Notice.Kind.valueOf(e.getKind()),
                NoticeChannel.valueOf(e.getChannel()), e.getReceiver(), NoticeState.valueOf(e.getState()),
                e.getAttempts(), Instant.ofEpochMilli(e.getCreatedAt()), Instant.ofEpochMilli(e.getNextAttemptAt()),
                e.getLastError(), e.getSentAt() == null ? null : Instant.ofEpochMilli(e.getSentAt()));
    }
}
