package io.elevate.window;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.ArrayList;
import java.util.List;

/** JPA row of an elevation window. Times are epoch milliseconds; tags live in ELEVATE_WINDOW_TAG in entry order. */
@Entity
@Table(name = "ELEVATE_WINDOW")
@NamedQueries({
        @NamedQuery(name = OpenWindowRows.QUERY, query = OpenWindowRows.JPQL),
        @NamedQuery(name = "elevate.windowById", query = "select w from ElevationWindowEntity w left join fetch w.tags"
                + " where w.realmId = :realmId and w.id = :id"),
        @NamedQuery(name = "elevate.stillOpenId", query = "select w.id from ElevationWindowEntity w"
                + " where w.id = :id and w.realmId = :realmId and w.userId = :userId and w.clientId = :clientId"
                + " and w.status = :status and w.startsAt <= :now and w.endsAt > :now"),
})
public class ElevationWindowEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Version
    @Column(name = "VERSION")
    private int version;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "ACCOUNT_ID", length = 12, nullable = false)
    private String accountId;

    @Column(name = "ROLE_NAME", length = 64, nullable = false)
    private String roleName;

    @Column(name = "SAML_PROVIDER", length = 128, nullable = false)
    private String samlProvider;

    @Column(name = "REGION", length = 32, nullable = false)
    private String region;

    @Column(name = "INSTANCE_ID", length = 19)
    private String instanceId;

    /** Whether the window's sessions may chain roles, as its policy said when it was asked for. */
    @Column(name = "ROLE_CHAINING", nullable = false)
    private boolean roleChaining;

    /** The OS user Session Manager runs the window's shells as, as its policy said when it was asked for; or null. */
    @Column(name = "RUN_AS_USER", length = 32)
    private String runAsUser;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "ELEVATE_WINDOW_TAG", joinColumns = @JoinColumn(name = "WINDOW_ID"))
    @OrderColumn(name = "POSITION")
    private List<WindowTag> tags = new ArrayList<>();

    @Column(name = "STARTS_AT", nullable = false)
    private long startsAt;

    @Column(name = "ENDS_AT", nullable = false)
    private long endsAt;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "JUSTIFICATION", length = 1024)
    private String justification;

    @Column(name = "CREATED_BY", length = 255, nullable = false)
    private String createdBy;

    @Column(name = "APPROVED_BY", length = 2600)
    private String approvedBy;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "REVOKED_BY", length = 255)
    private String revokedBy;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    @Column(name = "REVOKE_REASON", length = 1024)
    private String revokeReason;

    @Column(name = "POLICY_ID", length = 36)
    private String policyId;

    @Column(name = "TICKET", length = 64)
    private String ticket;

    @Column(name = "BREAK_GLASS", nullable = false)
    private boolean breakGlass;

    @Column(name = "APPROVALS_REQUIRED", nullable = false)
    private int approvalsRequired;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "DECIDED_BY", length = 255)
    private String decidedBy;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    /** When the request was first approved or rejected; an extension's decision overwrites decidedAt, not this. */
    @Column(name = "FIRST_DECIDED_AT")
    private Long firstDecidedAt;

    @Column(name = "DECISION_COMMENT", length = 1024)
    private String decisionComment;

    @Column(name = "REVIEWED_BY", length = 255)
    private String reviewedBy;

    @Column(name = "REVIEWED_AT")
    private Long reviewedAt;

    @Column(name = "AUTO_RULE", length = 64)
    private String autoRule;

    @Column(name = "EXTENSION_MINUTES")
    private Integer extensionMinutes;

    @Column(name = "EXTENSION_JUSTIFICATION", length = 1024)
    private String extensionJustification;

    @Column(name = "APPROVAL_ROUND", nullable = false)
    private int round;

    @Column(name = "END_NOTICE_SENT", nullable = false)
    private boolean endNoticeSent;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public int getVersion() { return version; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getAccountId() { return accountId; }
    public void setAccountId(String accountId) { this.accountId = accountId; }
    public String getRoleName() { return roleName; }
    public void setRoleName(String roleName) { this.roleName = roleName; }
    public String getSamlProvider() { return samlProvider; }
    public void setSamlProvider(String samlProvider) { this.samlProvider = samlProvider; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getInstanceId() { return instanceId; }
    public void setInstanceId(String instanceId) { this.instanceId = instanceId; }
    public boolean isRoleChaining() { return roleChaining; }
    public void setRoleChaining(boolean roleChaining) { this.roleChaining = roleChaining; }
    public String getRunAsUser() { return runAsUser; }
    public void setRunAsUser(String runAsUser) { this.runAsUser = runAsUser; }
    public List<WindowTag> getTags() { return tags; }
    public void setTags(List<WindowTag> tags) { this.tags = tags; }
    public long getStartsAt() { return startsAt; }
    public void setStartsAt(long startsAt) { this.startsAt = startsAt; }
    public long getEndsAt() { return endsAt; }
    public void setEndsAt(long endsAt) { this.endsAt = endsAt; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getJustification() { return justification; }
    public void setJustification(String justification) { this.justification = justification; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public String getApprovedBy() { return approvedBy; }
    public void setApprovedBy(String approvedBy) { this.approvedBy = approvedBy; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getRevokedBy() { return revokedBy; }
    public void setRevokedBy(String revokedBy) { this.revokedBy = revokedBy; }
    public Long getRevokedAt() { return revokedAt; }
    public void setRevokedAt(Long revokedAt) { this.revokedAt = revokedAt; }
    public String getRevokeReason() { return revokeReason; }
    public void setRevokeReason(String revokeReason) { this.revokeReason = revokeReason; }
    public String getPolicyId() { return policyId; }
    public void setPolicyId(String policyId) { this.policyId = policyId; }
    public String getTicket() { return ticket; }
    public void setTicket(String ticket) { this.ticket = ticket; }
    public String getAutoRule() { return autoRule; }
    public void setAutoRule(String autoRule) { this.autoRule = autoRule; }
    public boolean isBreakGlass() { return breakGlass; }
    public void setBreakGlass(boolean breakGlass) { this.breakGlass = breakGlass; }
    public int getApprovalsRequired() { return approvalsRequired; }
    public void setApprovalsRequired(int approvalsRequired) { this.approvalsRequired = approvalsRequired; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
    public String getDecidedBy() { return decidedBy; }
    public void setDecidedBy(String decidedBy) { this.decidedBy = decidedBy; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long decidedAt) { this.decidedAt = decidedAt; }
    public Long getFirstDecidedAt() { return firstDecidedAt; }
    public void setFirstDecidedAt(Long firstDecidedAt) { this.firstDecidedAt = firstDecidedAt; }
    public String getDecisionComment() { return decisionComment; }
    public void setDecisionComment(String decisionComment) { this.decisionComment = decisionComment; }
    public String getReviewedBy() { return reviewedBy; }
    public void setReviewedBy(String reviewedBy) { this.reviewedBy = reviewedBy; }
    public Long getReviewedAt() { return reviewedAt; }
    public void setReviewedAt(Long reviewedAt) { this.reviewedAt = reviewedAt; }
    public Integer getExtensionMinutes() { return extensionMinutes; }
    public void setExtensionMinutes(Integer extensionMinutes) { this.extensionMinutes = extensionMinutes; }
    public String getExtensionJustification() { return extensionJustification; }
    public void setExtensionJustification(String extensionJustification) { this.extensionJustification = extensionJustification; }
    public int getRound() { return round; }
    public void setRound(int round) { this.round = round; }
    public boolean isEndNoticeSent() { return endNoticeSent; }
    public void setEndNoticeSent(boolean endNoticeSent) { this.endNoticeSent = endNoticeSent; }
}
