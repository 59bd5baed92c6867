package io.elevate.portal;

import io.elevate.audit.AuditRecord;

import java.util.List;

/** One page of the audit trail, newest first, with links to its neighbours. Getters for FreeMarker. */
public final class AuditView {

    private final List<Entry> entries;
    private final int page;
    private final long total;
    private final String portalUrl;

    AuditView(List<AuditRecord> records, int page, long total, String portalUrl) {
        this.entries = records.stream().map(Entry::new).toList();
        this.page = page;
        this.total = total;
        this.portalUrl = portalUrl;
    }

    public List<Entry> getEntries() { return entries; }
    public int getPage() { return page + 1; }
    public long getPages() { return Math.max(1, (total + AuditPages.PAGE_SIZE - 1) / AuditPages.PAGE_SIZE); }
    public long getTotal() { return total; }
    public String getNewerUrl() { return page == 0 ? null : pageUrl(page - 1); }
    public String getOlderUrl() { return (long) (page + 1) * AuditPages.PAGE_SIZE < total ? pageUrl(page + 1) : null; }
    public String getCsvUrl() { return portalUrl + "/audit.csv"; }
    public int getCsvMax() { return AuditPages.CSV_MAX; }

    private String pageUrl(int target) {
        return target == 0 ? portalUrl + "#elevate-portal-audit" : portalUrl + "?audit=" + target + "#elevate-portal-audit";
    }

    /** One audit record. */
    public static final class Entry {

        private final AuditRecord record;

        Entry(AuditRecord record) {
            this.record = record;
        }

        public String getOccurredAt() { return Times.format(record.occurredAt()); }
        public String getAction() { return record.action(); }
        public String getWindowId() { return record.windowId(); }
        public String getActor() { return record.actorName(); }
        public String getIpAddress() { return record.ipAddress(); }
        public String getDetail() { return record.detail(); }
    }
}
