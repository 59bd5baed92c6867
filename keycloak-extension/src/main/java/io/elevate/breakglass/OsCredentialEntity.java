package io.elevate.breakglass;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * JPA row of a break-glass OS credential: what to run where (copied from the policy when the window opened, so a later
 * policy change does not alter it), how far it got, and when the timer looks at it next ({@code NEXT_ATTEMPT_AT},
 * null when nothing is left to do). Never the password. Times are epoch milliseconds.
 */
@Entity
@Table(name = "ELEVATE_OS_CREDENTIAL")
public class OsCredentialEntity {

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

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "INSTANCE_ID", length = 32, nullable = false)
    private String instanceId;

    @Column(name = "REGION", length = 32, nullable = false)
    private String region;

    @Column(name = "PLATFORM", length = 16, nullable = false)
    private String platform;

    @Column(name = "OS_USER", length = 32, nullable = false)
    private String osUser;

    @Column(name = "KMS_KEY_ID", length = 2048, nullable = false)
    private String kmsKeyId;

    @Column(name = "PARAMETER_NAME", length = 128, nullable = false)
    private String parameterName;

    @Column(name = "AVAILABLE_SECONDS", nullable = false)
    private int availableSeconds;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "COMMAND_ID", length = 64)
    private String commandId;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT")
    private Long nextAttemptAt;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "SENT_AT")
    private Long sentAt;

    @Column(name = "SET_AT")
    private Long setAt;

    @Column(name = "DELETE_AFTER")
    private Long deleteAfter;

    @Column(name = "SHOWN_AT")
    private Long shownAt;

    @Column(name = "DELETED_AT")
    private Long deletedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getWindowId() { return windowId; }
    public void setWindowId(String windowId) { this.windowId = windowId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getInstanceId() { return instanceId; }
    public void setInstanceId(String instanceId) { this.instanceId = instanceId; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getPlatform() { return platform; }
    public void setPlatform(String platform) { this.platform = platform; }
    public String getOsUser() { return osUser; }
    public void setOsUser(String osUser) { this.osUser = osUser; }
    public String getKmsKeyId() { return kmsKeyId; }
    public void setKmsKeyId(String kmsKeyId) { this.kmsKeyId = kmsKeyId; }
    public String getParameterName() { return parameterName; }
    public void setParameterName(String parameterName) { this.parameterName = parameterName; }
    public int getAvailableSeconds() { return availableSeconds; }
    public void setAvailableSeconds(int availableSeconds) { this.availableSeconds = availableSeconds; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public String getCommandId() { return commandId; }
    public void setCommandId(String commandId) { this.commandId = commandId; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public Long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(Long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getSentAt() { return sentAt; }
    public void setSentAt(Long sentAt) { this.sentAt = sentAt; }
    public Long getSetAt() { return setAt; }
    public void setSetAt(Long setAt) { this.setAt = setAt; }
    public Long getDeleteAfter() { return deleteAfter; }
    public void setDeleteAfter(Long deleteAfter) { this.deleteAfter = deleteAfter; }
    public Long getShownAt() { return shownAt; }
    public void setShownAt(Long shownAt) { this.shownAt = shownAt; }
    public Long getDeletedAt() { return deletedAt; }
    public void setDeletedAt(Long deletedAt) { this.deletedAt = deletedAt; }

    OsCredentialState stateEnum() {
        return OsCredentialState.valueOf(state);
    }
}
