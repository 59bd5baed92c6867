package io.elevate.revoke;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** JPA row of the revocation outbox. Times are epoch milliseconds. */
@Entity
@Table(name = "ELEVATE_REVOCATION")
public class RevocationEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Version
    @Column(name = "VERSION")
    private int version;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "WINDOW_ID", length = 36, nullable = false)
    private String windowId;

    /** The role's partition ({@code aws}, {@code aws-us-gov}, {@code aws-cn}), from the window's region. */
    @Column(name = "AWS_PARTITION", length = 16, nullable = false)
    private String partition;

    @Column(name = "ACCOUNT_ID", length = 12, nullable = false)
    private String accountId;

    @Column(name = "ROLE_NAME", length = 64, nullable = false)
    private String roleName;

    @Column(name = "SLOTS", nullable = false)
    private int slots;

    @Column(name = "REVOKED_AT", nullable = false)
    private long revokedAt;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    @Column(name = "APPLIED_AT")
    private Long appliedAt;

    @Column(name = "PRUNE_AFTER", nullable = false)
    private long pruneAfter;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getWindowId() { return windowId; }
    public void setWindowId(String windowId) { this.windowId = windowId; }
    public String getPartition() { return partition; }
    public void setPartition(String partition) { this.partition = partition; }
    public String getAccountId() { return accountId; }
    public void setAccountId(String accountId) { this.accountId = accountId; }
    public String getRoleName() { return roleName; }
    public void setRoleName(String roleName) { this.roleName = roleName; }
    public int getSlots() { return slots; }
    public void setSlots(int slots) { this.slots = slots; }
    public long getRevokedAt() { return revokedAt; }
    public void setRevokedAt(long revokedAt) { this.revokedAt = revokedAt; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public Long getAppliedAt() { return appliedAt; }
    public void setAppliedAt(Long appliedAt) { this.appliedAt = appliedAt; }
    public long getPruneAfter() { return pruneAfter; }
    public void setPruneAfter(long pruneAfter) { this.pruneAfter = pruneAfter; }
}
