package io.elevate.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * JPA row of the notice outbox: one notice to one receiver (an email recipient, the SNS topic, the webhook, a Slack
 * channel or person, the Teams webhook). Times are epoch milliseconds.
 */
@Entity
@Table(name = "ELEVATE_NOTICE")
public class NoticeEntity {

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

    @Column(name = "KIND", length = 32, nullable = false)
    private String kind;

    @Column(name = "CHANNEL", length = 16, nullable = false)
    private String channel;

    /** Who gets it on the channel: a username, a Slack channel or user id, or the channel's name when it has one. */
    @Column(name = "RECEIVER", length = 255, nullable = false)
    private String receiver;

    @Column(name = "PAYLOAD", length = 100000, nullable = false)
    private String payload;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    /** Until when one node holds the row for its call; 0 when no node does. */
    @Column(name = "CLAIMED_UNTIL", nullable = false)
    private long claimedUntil;

    @Column(name = "CLAIM", length = 36)
    private String claim;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    @Column(name = "SENT_AT")
    private Long sentAt;

    /** What the receiver answered that later notices need (a Slack message's channel and ts). */
    @Column(name = "REPLY", length = 255)
    private String reply;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getWindowId() { return windowId; }
    public void setWindowId(String windowId) { this.windowId = windowId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getReceiver() { return receiver; }
    public void setReceiver(String receiver) { this.receiver = receiver; }
    public String getPayload() { return payload; }
    public void setPayload(String payload) { this.payload = payload; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public long getClaimedUntil() { return claimedUntil; }
    public void setClaimedUntil(long claimedUntil) { this.claimedUntil = claimedUntil; }
    public String getClaim() { return claim; }
    public void setClaim(String claim) { this.claim = claim; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public Long getSentAt() { return sentAt; }
    public void setSentAt(Long sentAt) { this.sentAt = sentAt; }
    public String getReply() { return reply; }
    public void setReply(String reply) { this.reply = reply; }
}
