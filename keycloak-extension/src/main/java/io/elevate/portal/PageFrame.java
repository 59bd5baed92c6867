package io.elevate.portal;

/** What every portal page shows around its content: the signed-in user, the links home and out, the time. */
public final class PageFrame {

    private final String displayName;
    private final String username;
    private final String portalUrl;
    private final String signOutUrl;
    private final String now;
    private final boolean dashboard;
    private final boolean history;
    private final boolean policies;

    PageFrame(String displayName, String username, String portalUrl, String signOutUrl, String now, boolean dashboard,
              boolean history, boolean policies) {
        this.displayName = displayName;
        this.username = username;
        this.portalUrl = portalUrl;
        this.signOutUrl = signOutUrl;
        this.now = now;
        this.dashboard = dashboard;
        this.history = history;
        this.policies = policies;
    }

    public String getDisplayName() { return displayName; }
    public String getUsername() { return username; }
    public String getPortalUrl() { return portalUrl; }
    public String getSignOutUrl() { return signOutUrl; }
    public String getNow() { return now; }
    /** The links of the oversight pages this user may open, else null. */
    public String getDashboardUrl() { return dashboard ? portalUrl + "/dashboard" : null; }
    public String getHistoryUrl() { return history ? portalUrl + "/history" : null; }
    public String getPoliciesUrl() { return policies ? portalUrl + "/policies" : null; }
}
