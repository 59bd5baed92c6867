package io.elevate.portal;

import io.elevate.workflow.ElevationStore;
import io.elevate.audit.AuditLog;
import io.elevate.audit.AuditRecord;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The realm's audit trail from its newest end: {@link AuditLog#list} reads oldest first, so the portal counts the
 * records and reads the slice that ends a page before the newest.
 */
final class AuditPages {

    static final int PAGE_SIZE = 20;
    /** The most records the CSV download holds: the newest ones, as many as one call of the REST API returns. */
    static final int CSV_MAX = 1000;
    private static final AuditLog.Filter ALL = new AuditLog.Filter(null, null, null, null, null);

    private final EntityManager em;
    private final RealmModel realm;
    private final AuditLog log;

    AuditPages(KeycloakSession session, RealmModel realm) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
        this.log = ElevationStore.of(session).audit(realm);
    }

    long total() {
        return em.createQuery("select count(a) from AuditRecordEntity a where a.realmId = :realmId", Long.class)
                .setParameter("realmId", realm.getId())
                .getSingleResult();
    }

    /** Page {@code page} (0: the newest) of {@code total} records, newest first. */
    List<AuditRecord> newestFirst(long total, int page) {
        List<AuditRecord> records = new ArrayList<>(slice(total - (long) page * PAGE_SIZE, PAGE_SIZE));
        Collections.reverse(records);
        return records;
    }

    /** The newest {@link #CSV_MAX} records, oldest first, as the REST API's CSV lists them. */
    List<AuditRecord> newestForCsv() {
        return slice(total(), CSV_MAX);
    }

    /** Up to {@code size} records ending (exclusive) at position {@code end} of the oldest-first trail. */
    private List<AuditRecord> slice(long end, int size) {
        if (end <= 0) {
            return List.of();
        }
        long first = Math.max(0, end - size);
        return log.list(ALL, (int) first, (int) (end - first));
    }
}
