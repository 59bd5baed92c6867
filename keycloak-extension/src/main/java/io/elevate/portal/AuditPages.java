package io.elevate.portal;

import io.elevate.audit.AuditLog;
import io.elevate.audit.AuditRecord;
import io.elevate.workflow.ElevationStore;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The realm's audit trail, filtered, newest first, a page at a time ({@link AuditLog#search}). */
final class AuditPages {

    static final int PAGE_SIZE = 20;
    /** The most records the CSV download holds: the newest ones, as many as one call of the REST API returns. */
    static final int CSV_MAX = 1000;

    private final AuditLog log;

    AuditPages(KeycloakSession session, RealmModel realm) {
        this.log = ElevationStore.of(session).audit(realm);
    }

    long total(AuditLog.Search search) {
        return log.count(search);
    }

    /** Page {@code page} (0: the newest) of the matching records, newest first. */
    List<AuditRecord> newestFirst(AuditLog.Search search, int page) {
        return log.search(search, page * PAGE_SIZE, PAGE_SIZE);
    }

    /** The newest {@link #CSV_MAX} matching records, oldest first, as the REST API's CSV lists them. */
    List<AuditRecord> newestForCsv(AuditLog.Search search) {
        List<AuditRecord> records = new ArrayList<>(log.search(search, 0, CSV_MAX));
        Collections.reverse(records);
        return records;
    }

    /** The most records a request's page lists (its oldest); one more is read to know that there are more. */
    static final int LIFE_MAX = 1000;

    /** The life of one request, oldest first: at most {@link #LIFE_MAX} records, and one more if there are more. */
    List<AuditRecord> ofRequest(String windowId) {
        return log.list(AuditLog.Filter.window(windowId), 0, LIFE_MAX + 1);
    }
}
