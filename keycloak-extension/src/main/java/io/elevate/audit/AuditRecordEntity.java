package io.elevate.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** JPA row of one audited state change. Rows are only ever inserted. */
@Entity
@Table(name = "ELEVATE_AUDIT")
public class AuditRecordEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OCCURRED_AT", nullable = false)
    private long occurredAt;

    @Column(name = "ACTION", length = 32, nullable = false)
    private String action;

    @Column(name = "WINDOW_ID", length = 36)
    private String windowId;

    @Column(name = "ACTOR_ID", length = 36)
    private String actorId;

    @Column(name = "ACTOR_NAME", length = 255)
    private String actorName;

    @Column(name = "IP_ADDRESS", length = 64)
    private String ipAddress;

    /** The policy of the request the record is about, when known (filtered on; see AuditLog). */
    @Column(name = "POLICY_ID", length = 36)
    private String policyId;

    /** Whether the request the record is about is break-glass, when known. */
    @Column(name = "BREAK_GLASS")
    private Boolean breakGlass;

    @Column(name = "DETAIL", length = AuditLog.MAX_DETAIL)
    private String detail;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getOccurredAt() { return occurredAt; }
    public void setOccurredAt(long occurredAt) { this.occurredAt = occurredAt; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getWindowId() { return windowId; }
    public void setWindowId(String windowId) { this.windowId = windowId; }
    public String getActorId() { return actorId; }
    public void setActorId(String actorId) { this.actorId = actorId; }
    public String getActorName() { return actorName; }
    public void setActorName(String actorName) { this.actorName = actorName; }
    public String getIpAddress() { return ipAddress; }
    public void setIpAddress(String ipAddress) { this.ipAddress = ipAddress; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }

    public String getPolicyId() { return policyId; }
    public void setPolicyId(String policyId) { this.policyId = policyId; }
    public Boolean getBreakGlass() { return breakGlass; }
    public void setBreakGlass(Boolean breakGlass) { this.breakGlass = breakGlass; }
}
