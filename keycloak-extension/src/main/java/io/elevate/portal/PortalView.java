package io.elevate.portal;

import java.util.List;
import java.util.Map;

/**
 * Everything the portal page shows one user: what they may ask for and asked, what waits for their decision, and, for
 * auditors, the history; plus the outcome of their last change. Getters, because FreeMarker reads bean properties.
 */
public final class PortalView {

    /** What a view is built from besides the lists: the page's links, the user, and the last change's outcome. */
    record Context(Viewer viewer, String displayName, String portalUrl, String signOutUrl, String now, Flash flash,
                   Problem problem, String echoedForm, Map<String, String> echo) {
    }

    private final Context context;
    private final List<TargetView> targets;
    private final List<TargetView> breakGlassTargets;
    private final List<RequestItem> mine;
    private final List<RequestItem> waiting;
    private final List<RequestItem> toReview;
    private final List<RequestItem> overseen;
    private final AuditView audit;
    private boolean overseer;
    private boolean policyAdmin;

    PortalView(Context context, List<TargetView> targets, List<TargetView> breakGlassTargets, List<RequestItem> mine,
               List<RequestItem> waiting, List<RequestItem> toReview, List<RequestItem> overseen, AuditView audit) {
        this.context = context;
        this.targets = targets;
        this.breakGlassTargets = breakGlassTargets;
        this.mine = mine;
        this.waiting = waiting;
        this.toReview = toReview;
        this.overseen = overseen;
        this.audit = audit;
    }

    public String getUsername() { return context.viewer().user().getUsername(); }
    public String getDisplayName() { return context.displayName(); }
    public String getCsrf() { return context.viewer().csrfToken(); }
    public String getCsrfField() { return CsrfGuard.FIELD; }
    public String getPortalUrl() { return context.portalUrl(); }
    public String getRequestAction() { return context.portalUrl() + "/requests"; }
    public String getBreakGlassAction() { return context.portalUrl() + "/break-glass"; }
    public String getSignOutUrl() { return context.signOutUrl(); }
    public String getNow() { return context.now(); }

    public List<TargetView> getTargets() { return targets; }
    public List<TargetView> getBreakGlassTargets() { return breakGlassTargets; }
    public List<RequestItem> getMine() { return mine; }
    public List<RequestItem> getWaiting() { return waiting; }
    public List<RequestItem> getToReview() { return toReview; }
    public List<RequestItem> getOverseen() { return overseen; }
    public boolean isAuditor() { return audit != null; }
    public AuditView getAudit() { return audit; }

    /** The dashboard, for auditors and realm admins; else null. */
    public String getDashboardUrl() { return overseer ? context.portalUrl() + "/dashboard" : null; }

    /** The policies page, for realm admins (manage-realm); else null. */
    public String getPoliciesUrl() { return policyAdmin ? context.portalUrl() + "/policies" : null; }

    PortalView withOversight(boolean overseer, boolean policyAdmin) {
        this.overseer = overseer;
        this.policyAdmin = policyAdmin;
        return this;
    }

    public boolean isRequester() { return !targets.isEmpty() || !mine.isEmpty(); }
    public boolean isDecider() { return !waiting.isEmpty() || !toReview.isEmpty() || !overseen.isEmpty(); }
    public boolean isIdle() { return !isRequester() && !isDecider() && breakGlassTargets.isEmpty() && audit == null && !overseer; }

    /** The confirmation of the last change (message {@code elevatePortalFlash_<name>}), or null. */
    public String getFlash() { return context.flash() == null ? null : context.flash().name(); }
    public Problem getProblem() { return context.problem(); }

    /** The request form's fields as last typed (when that request was refused), else empty. */
    public Map<String, String> getRequestForm() { return echoed("request"); }
    public Map<String, String> getBreakGlassForm() { return echoed("break-glass"); }

    /** Whether every target asks for a justification (then the form marks it required). */
    public boolean isJustificationRequired() {
        return !targets.isEmpty() && targets.stream().allMatch(TargetView::isJustificationRequired);
    }

    /** Whether every target asks for a ticket reference. */
    public boolean isTicketRequired() {
        return !targets.isEmpty() && targets.stream().allMatch(t -> t.getTicketPattern() != null);
    }

    /** Suggested duration: an hour, or the target's limit when that is shorter. */
    public long getDefaultMinutes() {
        return targets.stream().mapToLong(TargetView::getMaxMinutes).map(max -> Math.min(60, max)).findFirst()
                .orElse(60);
    }

    private Map<String, String> echoed(String form) {
        return form.equals(context.echoedForm()) ? context.echo() : Map.of();
    }
}
