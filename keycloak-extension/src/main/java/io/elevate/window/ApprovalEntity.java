package io.elevate.window;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * One approver's yes to one round of a request (round 0: the request, round n: its n-th extension). The primary key
 * makes one approver count once per round, whatever the concurrency.
 */
@Entity
@Table(name = "ELEVATE_APPROVAL")
@IdClass(ApprovalEntity.Key.class)
public class ApprovalEntity {

    @Id
    @Column(name = "WINDOW_ID", length = 36)
    private String windowId;

    @Id
    @Column(name = "APPROVAL_ROUND")
    private int round;

    @Id
    @Column(name = "APPROVER_ID", length = 36)
    private String approverId;

    @Column(name = "APPROVAL_STAGE", nullable = false)
    private int stage;

    @Column(name = "APPROVER_NAME", length = 255, nullable = false)
    private String approverName;

    @Column(name = "APPROVED_AT", nullable = false)
    private long approvedAt;

    @Column(name = "APPROVAL_COMMENT", length = 1024)
    private String comment;

    protected ApprovalEntity() {
    }

    ApprovalEntity(String windowId, int round, int stage, String approverId, String approverName, long approvedAt,
                   String comment) {
        this.windowId = windowId;
        this.round = round;
        this.stage = stage;
        this.approverId = approverId;
        this.approverName = approverName;
        this.approvedAt = approvedAt;
        this.comment = comment;
    }

    public String getWindowId() { return windowId; }
    public int getRound() { return round; }
    public int getStage() { return stage; }
    public String getApproverId() { return approverId; }
    public String getApproverName() { return approverName; }
    public long getApprovedAt() { return approvedAt; }
    public String getComment() { return comment; }

    /** The composite key. */
    public static class Key implements Serializable {
        private String windowId;
        private int round;
        private String approverId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && round == k.round && Objects.equals(windowId, k.windowId)
                    && Objects.equals(approverId, k.approverId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(windowId, round, approverId);
        }
    }
}
