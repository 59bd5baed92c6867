package io.elevate.notify;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The notice outbox in Keycloak's database: one row per notice and receiver, written in the transaction of the change
 * the notice tells of (so a rolled-back change tells no one and a committed one is never lost), claimed by one node
 * before its call, marked SENT once the receiver answered (and never sent again), or FAILED and due again after the
 * backoff; given up once it has failed for {@link #GIVE_UP_AFTER}; SENT and given-up rows deleted after
 * {@link #KEEP} (a sent Slack post only once its window has also ended {@link #KEEP} ago).
 */
public final class NoticeOutbox {

    /** How long one node holds a claimed row for its call before another may take it (a node that died). */
    static final Duration CLAIM = Duration.ofMinutes(5);
    /** A notice that failed for a day tells no one anything useful any more. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    /** How long delivered and given-up rows stay visible in the admin API. */
    static final Duration KEEP = Duration.ofDays(30);

    private final EntityManager em;

    public NoticeOutbox(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Writes one row, due now, in the caller's transaction; returns its id. */
    String enqueue(RealmModel realm, Notice notice, NoticeChannel channel, String receiver, Instant now) {
        return persist(realm.getId(), notice.window().id(), notice.kind().name(), channel.name(),
                receiver.length() > 255 ? receiver.substring(0, 255) : receiver, NoticeCodec.write(notice), now);
    }

    /** The first Slack post about a window (its row, whatever its state), if any. */
    Optional<NoticeEntity> firstSlackPost(String windowId) {
        return em.createQuery("select n from NoticeEntity n where n.windowId = :windowId and n.channel = :slack"
                        + " and n.receiver <> :update order by n.createdAt", NoticeEntity.class)
                .setParameter("windowId", windowId)
                .setParameter("slack", NoticeChannel.SLACK.name())
                .setParameter("update", SlackSender.UPDATE)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /**
     * The portal address an earlier notice about the window carried (written where a request was at hand: the API,
     * the portal, Slack), for a notice of a change made without one (the timer, the admin API); empty when none did.
     */
    Optional<String> portalUrlOf(String windowId) {
        return em.createQuery("select n.payload from NoticeEntity n where n.windowId = :windowId"
                        + " order by n.createdAt", String.class)
                .setParameter("windowId", windowId)
                .setMaxResults(20)
                .getResultStream()
                .map(payload -> {
                    try {
                        return NoticeCodec.read(payload).portalUrl();
                    } catch (RuntimeException unreadable) {
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** Whether a Slack post about the window is still to be sent (pending or failed, not given up). */
    boolean slackPostWaiting(String windowId) {
        return !em.createQuery("select n.id from NoticeEntity n where n.windowId = :windowId and n.channel = :slack"
                        + " and n.receiver <> :update and n.state in (:pending, :failed)", String.class)
                .setParameter("windowId", windowId)
                .setParameter("slack", NoticeChannel.SLACK.name())
                .setParameter("update", SlackSender.UPDATE)
                .setParameter("pending", NoticeState.PENDING.name())
                .setParameter("failed", NoticeState.FAILED.name())
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Whether a later Slack update row of the same window is still to be sent (it supersedes {@code update}). */
    boolean newerSlackUpdate(NoticeEntity update) {
        return !em.createQuery("select n.id from NoticeEntity n where n.windowId = :windowId and n.channel = :slack"
                        + " and n.receiver = :update and n.id <> :id and n.createdAt > :createdAt"
                        + " and n.state in (:pending, :failed)", String.class)
                .setParameter("windowId", update.getWindowId())
                .setParameter("slack", NoticeChannel.SLACK.name())
                .setParameter("update", SlackSender.UPDATE)
                .setParameter("id", update.getId())
                .setParameter("createdAt", update.getCreatedAt())
                .setParameter("pending", NoticeState.PENDING.name())
                .setParameter("failed", NoticeState.FAILED.name())
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Writes a row that updates what {@code post} posted, with its notice, due now, in the caller's transaction. */
    String enqueueUpdate(NoticeEntity post, String receiver, Instant now) {
        return persist(post.getRealmId(), post.getWindowId(), post.getKind(), post.getChannel(), receiver,
                post.getPayload(), now);
    }

    /** One pending row, due now, in the caller's transaction; returns its id. */
    private String persist(String realmId, String windowId, String kind, String channel, String receiver,
                           String payload, Instant now) {
        NoticeEntity e = new NoticeEntity();
        e.setId(UUID.randomUUID().toString());
        e.setRealmId(realmId);
        e.setWindowId(windowId);
        e.setKind(kind);
        e.setChannel(channel);
        e.setReceiver(receiver);
        e.setPayload(payload);
        e.setState(NoticeState.PENDING.name());
        e.setCreatedAt(now.toEpochMilli());
        e.setNextAttemptAt(now.toEpochMilli());
        em.persist(e);
        return e.getId();
    }

    /** The realm's rows, newest first. */
    public List<NoticeRow> list(RealmModel realm, int first, int max) {
        return em.createQuery("select n from NoticeEntity n where n.realmId = :realmId"
                        + " order by n.createdAt desc, n.id", NoticeEntity.class)
                .setParameter("realmId", realm.getId())
                .setFirstResult(first).setMaxResults(max)
                .getResultStream().map(NoticeRow::of).toList();
    }

    /** Ids of rows due at {@code now} and claimed by no node, oldest first. */
    List<String> due(Instant now, int max) {
        return em.createQuery("select n.id from NoticeEntity n where n.state in (:pending, :failed)"
                        + " and n.nextAttemptAt <= :now and n.claimedUntil <= :now"
                        + " order by n.nextAttemptAt, n.createdAt", String.class)
                .setParameter("pending", NoticeState.PENDING.name())
                .setParameter("failed", NoticeState.FAILED.name())
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * Claims the row for this node's call if it is still due and no other node holds it: one conditional update, so
     * of two nodes asking at once exactly one gets it. Returns the row when claimed.
     */
    Optional<NoticeEntity> claim(String id, String token, Instant now) {
        int claimed = em.createQuery("update NoticeEntity n set n.claim = :token, n.claimedUntil = :until,"
                        + " n.version = n.version + 1 where n.id = :id and n.state in (:pending, :failed)"
                        + " and n.nextAttemptAt <= :now and n.claimedUntil <= :now")
                .setParameter("token", token)
                .setParameter("until", now.plus(CLAIM).toEpochMilli())
                .setParameter("id", id)
                .setParameter("pending", NoticeState.PENDING.name())
                .setParameter("failed", NoticeState.FAILED.name())
                .setParameter("now", now.toEpochMilli())
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        NoticeEntity row = em.find(NoticeEntity.class, id);
        if (row != null) {
            em.refresh(row);
        }
        return Optional.ofNullable(row);
    }

    /** The row if this node's claim still holds it. */
    Optional<NoticeEntity> claimed(String id, String token) {
        NoticeEntity row = em.find(NoticeEntity.class, id);
        return row != null && token.equals(row.getClaim()) ? Optional.of(row) : Optional.empty();
    }

    /** Delivered rows of a window on a channel that hold a reply (the Slack messages to update after a change). */
    List<NoticeEntity> sent(String windowId, NoticeChannel channel) {
        return em.createQuery("select n from NoticeEntity n where n.windowId = :windowId and n.channel = :channel"
                        + " and n.state = :sent and n.reply is not null order by n.createdAt", NoticeEntity.class)
                .setParameter("windowId", windowId)
                .setParameter("channel", channel.name())
                .setParameter("sent", NoticeState.SENT.name())
                .getResultList();
    }

    /**
     * Deletes delivered and given-up rows older than {@link #KEEP}; returns how many. A delivered Slack post is kept
     * until its window has ended plus {@link #KEEP} (a request can start months ahead and be decided, extended or
     * revoked until it ends: its messages must still be found to be rewritten).
     */
    int prune(Instant now) {
        long before = now.minus(KEEP).toEpochMilli();
        int deleted = em.createQuery("delete from NoticeEntity n where n.state in (:sent, :givenUp)"
                        + " and n.createdAt < :before and not (n.state = :sent and n.channel = :slack"
                        + " and n.receiver <> :update)")
                .setParameter("sent", NoticeState.SENT.name())
                .setParameter("givenUp", NoticeState.GIVEN_UP.name())
                .setParameter("before", before)
                .setParameter("slack", NoticeChannel.SLACK.name())
                .setParameter("update", SlackSender.UPDATE)
                .executeUpdate();
        // few: every run deletes the posts whose windows ended, so only those of windows not long ended remain
        List<Object[]> posts = em.createQuery("select n.id, n.createdAt, (select w.endsAt from ElevationWindowEntity w"
                        + " where w.id = n.windowId) from NoticeEntity n where n.state = :sent"
                        + " and n.channel = :slack and n.receiver <> :update and n.createdAt < :before", Object[].class)
                .setParameter("sent", NoticeState.SENT.name())
                .setParameter("slack", NoticeChannel.SLACK.name())
                .setParameter("update", SlackSender.UPDATE)
                .setParameter("before", before)
                .getResultList();
        List<String> gone = posts.stream()
                .filter(p -> slackPostPrunable(((Number) p[1]).longValue(), (Number) p[2], now))
                .map(p -> (String) p[0]).toList();
        if (!gone.isEmpty()) {
            deleted += em.createQuery("delete from NoticeEntity n where n.id in :ids")
                    .setParameter("ids", gone).executeUpdate();
        }
        return deleted;
    }

    /**
     * Whether a delivered Slack post may go: it is older than {@link #KEEP} and its window (its end in epoch millis,
     * null when the window no longer exists) ended more than {@link #KEEP} ago.
     */
    static boolean slackPostPrunable(long createdAt, Number windowEndsAt, Instant now) {
        long before = now.minus(KEEP).toEpochMilli();
        return createdAt < before && (windowEndsAt == null || windowEndsAt.longValue() < before);
    }
}
