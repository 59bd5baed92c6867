package io.elevate.admin;

import io.elevate.notify.NoticeRow;

import java.time.Instant;
import java.util.List;

/**
 * The realm's notice outbox as the admin API shows it, newest first: each notice to each receiver, its state
 * (PENDING, FAILED, SENT, GIVEN_UP), attempts, next attempt and last error; times are ISO-8601 instants. A webhook
 * shows only its scheme, host and port.
 */
public record NoticesRepresentation(List<Row> notices) {

    static NoticesRepresentation of(List<NoticeRow> rows) {
        return new NoticesRepresentation(rows.stream().map(Row::of).toList());
    }

    public record Row(String id, String windowId, String kind, String channel, String receiver, String state,
                      int attempts, String createdAt, String nextAttemptAt, String lastError, String sentAt) {

        static Row of(NoticeRow r) {
            return new Row(r.id(), r.windowId(), r.kind().name(), r.channel().name(), r.receiver(), r.state().name(),
                    r.attempts(), text(r.createdAt()), r.sentAt() == null ? text(r.nextAttemptAt()) : null,
                    r.lastError(), text(r.sentAt()));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }
}
