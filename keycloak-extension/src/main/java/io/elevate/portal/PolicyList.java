package io.elevate.portal;

import io.elevate.workflow.ElevationPolicy;

import java.util.List;

/** The policies page: every policy by name with its target, groups, quorum and durations. */
public final class PolicyList {

    private final PageFrame frame;
    private final List<Row> rows;
    private final String csrf;
    private final String flash;

    PolicyList(PageFrame frame, List<Row> rows, String csrf, String flash) {
        this.frame = frame;
        this.rows = rows;
        this.csrf = csrf;
        this.flash = flash;
    }

    public PageFrame getFrame() { return frame; }
    public List<Row> getRows() { return rows; }
    public String getCsrf() { return csrf; }
    public String getCsrfField() { return CsrfGuard.FIELD; }
    public String getNewUrl() { return frame.getPortalUrl() + "/policies/new"; }
    /** created, updated or deleted after a change; else null. */
    public String getFlash() { return flash; }

    /** One policy; a stored policy that does not read cleanly is listed with its problem (it is not used). */
    public static final class Row {

        private final String id;
        private final String name;
        private final ElevationPolicy policy;
        private final String problem;
        private final String portalUrl;

        Row(String id, String name, ElevationPolicy policy, String problem, String portalUrl) {
            this.id = id;
            this.name = name;
            this.policy = policy;
            this.problem = problem;
            this.portalUrl = portalUrl;
        }

        public String getId() { return id; }
        public String getName() { return name == null ? id : name; }
        public String getProblem() { return problem; }
        public String getEditUrl() { return portalUrl + "/policies/" + id; }
        public String getDeleteAction() { return portalUrl + "/policies/" + id + "/delete"; }
        public boolean isValid() { return policy != null; }
        public String getTarget() {
            return policy.accountId() + " · " + policy.roleName() + " · " + policy.samlProvider() + " · " + policy.region();
        }
        public List<String> getInstances() { return policy.instanceIds(); }
        public List<String> getEligibleGroups() { return policy.eligibleGroups(); }
        public List<String> getApproverGroups() { return policy.approverGroups(); }
        public int getApprovalsRequired() { return policy.approvalsRequired(); }
        public long getMaxMinutes() { return policy.maxDuration().toMinutes(); }
        public long getPendingExpiryMinutes() { return policy.pendingExpiry().toMinutes(); }
        public String getBreakGlassGroup() { return policy.breakGlassGroup(); }
        public long getBreakGlassMaxMinutes() { return policy.breakGlassMaxDuration().toMinutes(); }
    }
}
