package io.elevate.portal;

import io.elevate.audit.AuditRecord;

import java.util.List;

/** One page of the audit trail, newest first, in words, with links to its neighbours. Getters for FreeMarker. */
public final class AuditView {

    private final List<Entry> entries;
    private final int page;
    private final long total;
    private final String portalUrl;
    private final String pageBase;
    private final String query;

    /**
     * @param pageBase the page the pager links to (the portal, or the history page)
     * @param query    the filters as a query string, kept by the pager's links and the CSV download
     */
    AuditView(List<Entry> entries, int page, long total, String portalUrl, String pageBase, String query) {
        this.entries = entries;
        this.page = page;
        this.total = total;
        this.portalUrl = portalUrl;
        this.pageBase = pageBase;
        this.query = query;
    }

    public List<Entry> getEntries() { return entries; }
    public int getPage() { return page + 1; }
    public long getPages() { return Math.max(1, (total + AuditPages.PAGE_SIZE - 1) / AuditPages.PAGE_SIZE); }
    public long getTotal() { return total; }
    public String getNewerUrl() { return page == 0 ? null : pageUrl(page - 1); }
    public String getOlderUrl() { return (long) (page + 1) * AuditPages.PAGE_SIZE < total ? pageUrl(page + 1) : null; }
    public String getCsvUrl() { return portalUrl + "/audit.csv" + (query.isEmpty() ? "" : "?" + query); }
    public int getCsvMax() { return AuditPages.CSV_MAX; }
    public String getHistoryUrl() { return portalUrl + "/history"; }
    public String getDashboardUrl() { return portalUrl + "/dashboard"; }

    private String pageUrl(int target) {
        boolean portal = pageBase.equals(portalUrl);
        String parameter = portal ? "audit" : "page";
        String filters = query.isEmpty() ? "" : query + "&";
        String tail = portal ? "#elevate-portal-audit" : "";
        return target == 0 && query.isEmpty() ? pageBase + tail
                : pageBase + "?" + filters + (target == 0 ? parameter + "=0" : parameter + "=" + target) + tail;
    }

    /**
     * What a record is about: the policy by name (null: none, or no longer the realm's), the account, the role and the
     * instance (each null when not known, as for a policy's own change).
     */
    record Target(String policyName, String accountId, String roleName, String instanceId) {

        /** "Web servers (123456789012 · Admin · i-0abc…)", the policy's name alone, or the account, role, instance. */
        String label() {
            List<String> where = java.util.stream.Stream.of(accountId, roleName, instanceId)
                    .filter(java.util.Objects::nonNull).toList();
            String place = String.join(" · ", where);
            return policyName == null ? place : where.isEmpty() ? policyName : policyName + " (" + place + ")";
        }
    }

    /** One labelled fact of a record's detail; {@code key} names its label ({@code elevatePortalDetail_<key>}). */
    public static final class Field {

        private final String key;
        private final String value;

        Field(String key, String value) {
            this.key = key;
            this.value = value;
        }

        public String getKey() { return key; }
        public String getValue() { return value; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Field f && f.key.equals(key) && f.value.equals(value);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + value.hashCode();
        }

        @Override
        public String toString() {
            return key + ": " + value;
        }
    }

    /** One audit record, told in words. */
    public static final class Entry {

        private final AuditRecord record;
        private final String actor;
        private final String requester;
        private final Target target;
        private final String reason;
        private final String detail;
        private final List<Field> fields;
        private final String approvals;
        private final boolean breakGlass;
        private final String requestUrl;
        private final String rule;
        private final String stage;

        Entry(AuditRecord record, String actor, String requester, Target target, String reason, String detail,
              List<Field> fields, String approvals, boolean breakGlass, String requestUrl, String rule,
              String stage) {
            this.rule = rule;
            this.stage = stage;
            this.record = record;
            this.actor = actor;
            this.requester = requester;
            this.target = target;
            this.reason = reason;
            this.detail = detail;
            this.fields = fields;
            this.approvals = approvals;
            this.breakGlass = breakGlass;
            this.requestUrl = requestUrl;
        }

        AuditRecord record() { return record; }
        Target target() { return target; }

        public String getOccurredAt() { return Times.format(record.occurredAt()); }
        public String getAction() { return record.action(); }
        /** The message of the sentence; its arguments: actor, requester, target, action. */
        public String getSentenceKey() { return AuditActions.sentenceKey(record.action()); }
        public String getWindowId() { return record.windowId(); }
        public String getShortWindowId() {
            return record.windowId() == null ? null : record.windowId().substring(0, Math.min(8, record.windowId().length()));
        }
        public String getActor() { return actor == null ? "" : actor; }
        public String getActorUsername() { return record.actorName(); }
        public String getRequester() { return requester == null ? "?" : requester; }
        public String getTarget() { return target == null || target.label().isEmpty() ? "?" : target.label(); }
        public String getReason() { return reason; }
        /** The stored detail, for records of a shape neither the transition core's nor the other writers'. */
        public String getDetail() { return detail; }
        /** The detail's other facts, labelled ({@code elevatePortalDetail_<key>}): a revocation's state, a limit's wait. */
        public List<Field> getFields() { return fields; }
        public String getApprovals() { return approvals; }
        public boolean isBreakGlass() { return breakGlass; }
        public String getRequestUrl() { return requestUrl; }
        public String getIpAddress() { return record.ipAddress(); }
        /** The policy rule that decided (an automatic approval, a deny rule, a rule that failed), or null. */
        public String getRule() { return rule; }
        /** The approval stage of a staged policy the record is about ("1 of 2 (Leads)"), or null. */
        public String getStage() { return stage; }
    }
}
