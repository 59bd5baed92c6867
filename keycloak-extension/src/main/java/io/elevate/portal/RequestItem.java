package io.elevate.portal;

import io.elevate.window.Approval;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;
import io.elevate.workflow.ApprovalStage;
import io.elevate.workflow.ElevationPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One elevation request as a portal page shows it. Getters, because FreeMarker reads bean properties. */
public final class RequestItem {

    private final ElevationWindow window;
    private final ElevationPolicy policy;
    private final Person requester;
    private final List<Approval> approvals;
    private final String sessionManagerUrl;
    private final String actionBase;
    private final Instant now;
    private final OsCredentialItem osCredential;

    RequestItem(ElevationWindow window, ElevationPolicy policy, Person requester, List<Approval> approvals,
                String sessionManagerUrl, String actionBase, Instant now, OsCredentialItem osCredential) {
        this.window = window;
        this.policy = policy;
        this.requester = requester;
        this.approvals = approvals;
        this.sessionManagerUrl = sessionManagerUrl;
        this.actionBase = actionBase;
        this.now = now;
        this.osCredential = osCredential;
    }

    public String getId() { return window.id(); }
    public String getShortId() { return window.id().substring(0, Math.min(8, window.id().length())); }
    /** The URL the item's forms post to, followed by {@code /approve}, {@code /cancel}, and so on. */
    public String getActions() { return actionBase + "/requests/" + window.id(); }
    public String getTarget() { return policy != null ? policy.name() : window.target().roleName(); }
    public String getInstanceId() { return window.target().instanceId(); }
    public String getAccountId() { return window.target().accountId(); }
    public String getRoleName() { return window.target().roleName(); }
    /** The role's ARN in the partition of the window's region. */
    public String getRoleArn() { return window.target().roleArn(); }
    public String getRegion() { return window.target().region(); }
    public Map<String, String> getTags() { return window.target().tags(); }
    public String getRequester() { return requester.username(); }
    public String getRequesterName() { return requester.name(); }
    public String getStartsAt() { return Times.format(window.startsAt()); }
    public String getEndsAt() { return Times.format(window.endsAt()); }
    public long getMinutes() { return Duration.between(window.startsAt(), window.endsAt()).toMinutes(); }
    public long getMinutesLeft() { return window.remainingAt(now).toMinutes(); }
    public boolean isStartsLater() { return now.isBefore(window.startsAt()); }
    public String getJustification() { return window.justification(); }
    public String getTicket() { return window.request().ticket(); }
    public boolean isBreakGlass() { return window.request().breakGlass(); }
    /** Whether the window's sessions may assume other roles (its policy's choice when it was asked for). */
    public boolean isRoleChaining() { return window.target().roleChaining(); }
    /** The OS user the window's shells run as, or null for Session Manager's default. */
    public String getRunAsUser() { return window.target().runAsUser(); }
    public boolean isAwaitingReview() { return window.request().awaitingReview(); }
    public String getReviewedBy() { return window.request().reviewedBy(); }
    public int getApprovalsRequired() { return window.request().approvalsRequired(); }
    /** The policy rule that approved it at once, or null. */
    public String getAutoRule() { return window.request().autoRule(); }
    /** The number (from 1) of the approval stage it waits for, under a policy of several stages; else null. */
    public Integer getStageNumber() { return stage().map(ApprovalStage::number).orElse(null); }
    public String getStageName() { return stage().map(ApprovalStage::name).orElse(null); }
    public int getStages() { return policy == null ? 1 : policy.stages().size(); }

    private Optional<ApprovalStage> stage() {
        return policy == null || !policy.staged() ? Optional.empty()
                : policy.currentStage(approvals, window.request().round());
    }
    public List<Approval> getApprovals() { return approvals; }
    public long getApprovalsThisRound() {
        return approvals.stream().filter(a -> a.round() == window.request().round()).count();
    }
    public String getDecidedBy() { return window.request().decidedBy(); }
    public String getDecisionComment() { return window.request().decisionComment(); }
    public String getRevokedBy() { return window.revokedBy(); }
    public String getRevokeReason() { return window.revokeReason(); }
    public String getExpiresAt() { return Times.format(window.request().expiresAt()); }
    /** An extension waiting for approval: its minutes, or null. */
    public Integer getExtensionMinutes() { return window.request().extensionMinutes(); }
    public String getExtensionJustification() { return window.request().extensionJustification(); }
    public boolean isOpen() { return window.isOpenAt(now); }
    /** The IdP-initiated AWS sign-in straight into Session Manager, for an open window; else null. */
    public String getSessionManagerUrl() { return isOpen() ? sessionManagerUrl : null; }

    /** The break-glass OS password of this window, for its requester only; null for anyone else or none. */
    public OsCredentialItem getOsCredential() { return osCredential; }

    /** requested, scheduled, open, ended, rejected, cancelled, expired or revoked. */
    public String getStatus() {
        if (window.status() == WindowStatus.APPROVED) {
            return now.isBefore(window.startsAt()) ? "scheduled" : window.isOpenAt(now) ? "open" : "ended";
        }
        return window.status().name().toLowerCase(Locale.ROOT);
    }

    /** The PatternFly label colour of the status. */
    public String getStatusColor() {
        return switch (getStatus()) {
            case "requested" -> "gold";
            case "scheduled" -> "blue";
            case "open" -> "green";
            case "rejected", "revoked" -> "red";
            default -> "grey";
        };
    }

    /** Whether the requester may still withdraw it (pending) or end it early (approved, not ended). */
    public boolean isCancellable() {
        return window.status().canBecome(WindowStatus.CANCELLED) && now.isBefore(window.endsAt());
    }

    /** Whether more time may be asked: approved under a policy, not ended, no extension pending. */
    public boolean isExtendable() {
        return window.status() == WindowStatus.APPROVED && now.isBefore(window.endsAt())
                && window.request().policyId() != null && !window.request().extensionPending();
    }

    /** A user as the portal names them. */
    record Person(String username, String name) {
    }
}
