package io.elevate.window;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Elevation windows in Keycloak's own database, inside the request's transaction. Obtained from the session's store:
 * {@code ElevationStore.of(session).windows(realm)}.
 */
public final class WindowStore {

    private final KeycloakSession session;
    private final EntityManager em;
    private final RealmModel realm;

    public WindowStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    /** What a sign-in request read, and when. */
    private record SignInRead(Instant at, List<ElevationWindow> windows) {
    }

    /**
     * The question asked at every sign-in, the windows of this user for this client that are open at {@code now}, for
     * the steps of one sign-in request: the gate reads the database, and the mappers that
     * write the assertion or token later in the same HTTP request (the same {@code KeycloakSession}) reuse that read,
     * keeping only the windows still open at their own {@code now}. One query per sign-in; nothing outlives the
     * request, so the answer is never older than the request itself. The windows carry what a sign-in uses (id, target,
     * bounds, justification), not the workflow's record of them ({@link #readOpenWindows}).
     */
    public List<ElevationWindow> openWindowsForSignIn(String userId, String clientId, Instant now) {
        String key = "elevate.sign-in.windows/" + realm.getId() + "/" + userId + "/" + clientId;
        if (session.getAttribute(key) instanceof SignInRead read && !now.isBefore(read.at())) {
            return read.windows().stream()
                    .filter(w -> !w.startsAt().isAfter(now) && w.endsAt().isAfter(now))
                    .toList();
        }
        List<ElevationWindow> windows = readOpenWindows(userId, clientId, now);
        session.setAttribute(key, new SignInRead(now, windows));
        return windows;
    }

    /**
     * The windows of this user for this client that are open at {@code now}, asked of the database each time (no
     * node-local cache), so a window granted or revoked on any node of a cluster counts at once on every other.
     * {@code now} is the calling node's clock: window bounds are absolute UTC instants (epoch milliseconds) that
     * nothing ever recomputes from a clock, so a clock that jumps changes only which sign-ins pass while it is wrong,
     * never a stored window.
     *
     * <p>Read as plain rows of what a sign-in uses ({@link OpenWindowRows}) rather than as entities: nothing enters the persistence context, so nothing is compared for changes at the next
     * flush or at commit, and the read does not flush this transaction's pending changes first (a sign-in has none to
     * the windows). The workflow's record of each window (creator, approvers, request) is left out.
     *
     * @throws StoreUnavailable if the database cannot be asked (down, unreachable, pool exhausted)
     */
    List<ElevationWindow> readOpenWindows(String userId, String clientId, Instant now) {
        try {
            return OpenWindowRows.windows(em.createNamedQuery(OpenWindowRows.QUERY, Object[].class)
                    .setFlushMode(FlushModeType.COMMIT)
                    .setParameter("realmId", realm.getId())
                    .setParameter("userId", userId)
                    .setParameter("clientId", clientId)
                    .setParameter("now", now.toEpochMilli())
                    .setParameter("status", WindowStatus.APPROVED.name())
                    .getResultList(), realm.getId(), userId, clientId);
        } catch (RuntimeException e) {
            if (StoreUnavailable.isCause(e)) {
                throw new StoreUnavailable("The open windows of user " + userId + " could not be read: " + e, e);
            }
            throw e;
        }
    }

    public Optional<ElevationWindow> find(String id) {
        return findEntity(id).map(WindowStore::toWindow);
    }

    public ElevationWindow create(NewWindow draft, Instant now) {
        ElevationWindowEntity entity = new ElevationWindowEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realm.getId());
        entity.setUserId(draft.userId());
        entity.setClientId(draft.clientId());
        Target target = draft.target();
        entity.setAccountId(target.accountId());
        entity.setRoleName(target.roleName());
        entity.setSamlProvider(target.samlProvider());
        entity.setRegion(target.region());
        entity.setInstanceId(target.instanceId());
        entity.setRoleChaining(target.roleChaining());
        entity.setRunAsUser(target.runAsUser());
        List<WindowTag> tags = new ArrayList<>();
        target.tags().forEach((key, value) -> tags.add(new WindowTag(key, value)));
        entity.setTags(tags);
        entity.setStartsAt(draft.startsAt().toEpochMilli());
        entity.setEndsAt(draft.endsAt().toEpochMilli());
        entity.setStatus(draft.status().name());
        entity.setJustification(draft.justification());
        entity.setCreatedBy(draft.createdBy());
        entity.setApprovedBy(draft.approvedBy());
        entity.setCreatedAt(now.toEpochMilli());
        RequestInfo request = draft.request();
        entity.setPolicyId(request.policyId());
        entity.setTicket(request.ticket());
        entity.setBreakGlass(request.breakGlass());
        entity.setAutoRule(request.autoRule());
        entity.setApprovalsRequired(request.approvalsRequired());
        entity.setExpiresAt(millis(request.expiresAt()));
        em.persist(entity);
        em.flush();
        return toWindow(entity);
    }

    /**
     * Applies {@code change} to the stored window and writes it at once. The entity's version makes a concurrent
     * second change of the same window fail with an {@link jakarta.persistence.OptimisticLockException} instead of
     * both being recorded: every transition happens exactly once.
     */
    public Optional<ElevationWindow> change(String id, Consumer<ElevationWindowEntity> change) {
        return findEntity(id).map(entity -> {
            change.accept(entity);
            em.flush();
            return toWindow(entity);
        });
    }

    /**
     * Takes the window for a change: bumps its version, which holds the row's write lock until the transaction ends,
     * then reads it fresh. A second transition of the same window waits here for the first to commit and then sees its
     * result (its approvals included), so checks and counts are made on the latest state and no vote is lost; a
     * transaction that still read an older version fails its own write with an optimistic lock error. Empty when the
     * realm has no such window.
     */
    public Optional<ElevationWindow> lockForChange(String id) {
        int bumped = em.createQuery("update ElevationWindowEntity w set w.version = w.version + 1"
                        + " where w.id = :id and w.realmId = :realmId")
                .setParameter("id", id)
                .setParameter("realmId", realm.getId())
                .executeUpdate();
        if (bumped == 0) {
            return Optional.empty();
        }
        ElevationWindowEntity entity = em.find(ElevationWindowEntity.class, id);
        em.refresh(entity);
        return Optional.of(toWindow(entity));
    }

    /**
     * Makes new requests of one user wait for each other until this transaction ends, so that counting their open
     * requests and adding one is not raced by a second request of the same user: takes the write lock of the user's
     * row in Keycloak's own user table. Users kept only in an external store (federation without import) have no such
     * row; for them nothing is held.
     */
    public void holdRequestsOf(String userId) {
        UserEntity user = em.find(UserEntity.class, userId);
        if (user != null && realm.getId().equals(user.getRealmId())) {
            em.lock(user, LockModeType.PESSIMISTIC_WRITE);
        }
    }

    /** The requests of one user under one policy that still wait for a decision, oldest expiry first. */
    public List<ElevationWindow> pendingOf(String userId, String policyId) {
        return em.createQuery("select w from ElevationWindowEntity w where w.realmId = :realmId"
                        + " and w.userId = :userId and w.policyId = :policyId and w.status = :requested"
                        + " order by w.expiresAt, w.id", ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .setParameter("policyId", policyId)
                .setParameter("requested", WindowStatus.REQUESTED.name())
                .getResultStream().map(WindowStore::toWindow).toList();
    }

    /** When the break-glass windows one user opened under one policy since {@code since} were opened, oldest first. */
    public List<Instant> breakGlassOpenedSince(String userId, String policyId, Instant since) {
        return em.createQuery("select w.createdAt from ElevationWindowEntity w where w.realmId = :realmId"
                        + " and w.userId = :userId and w.policyId = :policyId and w.breakGlass = true"
                        + " and w.createdAt >= :since order by w.createdAt", Long.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .setParameter("policyId", policyId)
                .setParameter("since", since.toEpochMilli())
                .getResultStream().map(Instant::ofEpochMilli).toList();
    }

    /** Records an approver's yes for the window's current round and returns how many distinct approvers said yes. */
    public int approve(ElevationWindow window, String approverId, String approverName, String comment, Instant now) {
        return approve(window, 1, approverId, approverName, comment, now);
    }

    /**
     * Records an approver's yes in approval stage {@code stage} (from 1) of the window's current round and returns how
     * many distinct approvers said yes in that stage of the round.
     */
    public int approve(ElevationWindow window, int stage, String approverId, String approverName, String comment,
                       Instant now) {
        int round = window.request().round();
        em.persist(new ApprovalEntity(window.id(), round, stage, approverId, approverName, now.toEpochMilli(),
                comment));
        em.flush();
        return approvals(window.id()).stream().filter(a -> a.round() == round && a.stage() == stage).toList().size();
    }

    public List<Approval> approvals(String windowId) {
        return em.createQuery("select a from ApprovalEntity a where a.windowId = :id order by a.round, a.approvedAt",
                        ApprovalEntity.class)
                .setParameter("id", windowId)
                .getResultStream()
                .map(a -> new Approval(a.getRound(), a.getApproverId(), a.getApproverName(),
                        Instant.ofEpochMilli(a.getApprovedAt()), a.getComment(), a.getStage()))
                .toList();
    }

    /** Requests under these policies waiting for a decision: new ones, and approved windows with an extension asked. */
    public List<ElevationWindow> awaitingDecision(Collection<String> policyIds, int max) {
        if (policyIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select w from ElevationWindowEntity w where w.realmId = :realmId"
                        + " and w.policyId in :policyIds"
                        + " and (w.status = :requested or (w.status = :approved and w.extensionMinutes is not null))"
                        + " order by w.createdAt", ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("policyIds", policyIds)
                .setParameter("requested", WindowStatus.REQUESTED.name())
                .setParameter("approved", WindowStatus.APPROVED.name())
                .setMaxResults(max)
                .getResultStream().map(WindowStore::toWindow).toList();
    }

    /** Break-glass and automatically approved windows under these policies that no approver has reviewed yet. */
    public List<ElevationWindow> awaitingReview(Collection<String> policyIds, int max) {
        if (policyIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select w from ElevationWindowEntity w where w.realmId = :realmId"
                        + " and w.policyId in :policyIds and (w.breakGlass = true or w.autoRule is not null) and w.reviewedAt is null"
                        + " order by w.createdAt", ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("policyIds", policyIds)
                .setMaxResults(max)
                .getResultStream().map(WindowStore::toWindow).toList();
    }

    /** Requests still pending at {@code now} although their expiry has passed. */
    public List<String> expiredRequests(Instant now, int max) {
        return em.createQuery("select w.id from ElevationWindowEntity w where w.realmId = :realmId"
                        + " and w.status = :requested and w.expiresAt <= :now", String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("requested", WindowStatus.REQUESTED.name())
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(max)
                .getResultList();
    }

    /** Approved windows ending within {@code notice} of {@code now} whose requester was not told yet. */
    public List<String> endingWithoutNotice(Instant now, Duration notice, int max) {
        return em.createQuery("select w.id from ElevationWindowEntity w where w.realmId = :realmId"
                        + " and w.status = :approved and w.endNoticeSent = false and w.endsAt > :now"
                        + " and w.endsAt <= :horizon and w.startsAt <= :now", String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("approved", WindowStatus.APPROVED.name())
                .setParameter("now", now.toEpochMilli())
                .setParameter("horizon", now.plus(notice).toEpochMilli())
                .setMaxResults(max)
                .getResultList();
    }

    /** Windows of the realm, newest first, optionally only one user's and only those in one status. */
    public List<ElevationWindow> list(String userId, WindowStatus status, int first, int max) {
        StringBuilder jpql = new StringBuilder("select w from ElevationWindowEntity w where w.realmId = :realmId");
        if (userId != null) {
            jpql.append(" and w.userId = :userId");
        }
        if (status != null) {
            jpql.append(" and w.status = :status");
        }
        jpql.append(" order by w.createdAt desc, w.id");
        TypedQuery<ElevationWindowEntity> query = em.createQuery(jpql.toString(), ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId());
        if (userId != null) {
            query.setParameter("userId", userId);
        }
        if (status != null) {
            query.setParameter("status", status.name());
        }
        List<ElevationWindowEntity> rows = query.setFirstResult(first).setMaxResults(max).getResultList();
        Map<String, Map<String, String>> tags = tagsOf(rows.stream().map(ElevationWindowEntity::getId).toList());
        return rows.stream().map(e -> toWindow(e, tags.getOrDefault(e.getId(), Map.of()))).toList();
    }

    /** The tags of these windows in one query (not one per window), each window's in their stored order. */
    private Map<String, Map<String, String>> tagsOf(List<String> windowIds) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        if (windowIds.isEmpty()) {
            return tags;
        }
        em.createQuery("select w.id, t.key, t.value from ElevationWindowEntity w join w.tags t where w.id in :ids"
                        + " order by w.id, index(t)", Object[].class)
                .setParameter("ids", windowIds).getResultStream()
                .forEach(r -> tags.computeIfAbsent((String) r[0], id -> new LinkedHashMap<>())
                        .put((String) r[1], (String) r[2]));
        return tags;
    }

    private Optional<ElevationWindowEntity> findEntity(String id) {
        return em.createNamedQuery("elevate.windowById", ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    private static ElevationWindow toWindow(ElevationWindowEntity e) {
        Map<String, String> tags = new LinkedHashMap<>();
        e.getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
        return toWindow(e, tags);
    }

    private static ElevationWindow toWindow(ElevationWindowEntity e, Map<String, String> tags) {
        Target target = new Target(e.getAccountId(), e.getRoleName(), e.getSamlProvider(), e.getRegion(),
                e.getInstanceId(), tags, e.isRoleChaining(),
                e.getRunAsUser());
        RequestInfo request = new RequestInfo(e.getPolicyId(), e.getTicket(), e.isBreakGlass(),
                e.getApprovalsRequired(), instant(e.getExpiresAt()), e.getDecidedBy(), instant(e.getDecidedAt()),
                e.getDecisionComment(), e.getReviewedBy(), instant(e.getReviewedAt()), e.getExtensionMinutes(),
                e.getExtensionJustification(), e.getRound(), e.isEndNoticeSent(), e.getAutoRule());
        return new ElevationWindow(e.getId(), e.getRealmId(), e.getUserId(), e.getClientId(), target,
                Instant.ofEpochMilli(e.getStartsAt()), Instant.ofEpochMilli(e.getEndsAt()),
                WindowStatus.valueOf(e.getStatus()), e.getJustification(), e.getCreatedBy(), e.getApprovedBy(),
                Instant.ofEpochMilli(e.getCreatedAt()), e.getRevokedBy(), instant(e.getRevokedAt()),
                e.getRevokeReason(), request);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /**
     * Of exactly these window ids, those still approved and open at {@code now} for this user and client, read from the
     * database at this moment: one query by primary key a window ({@code elevate.stillOpenId}), returning the id only,
     * so that nothing this request read earlier (the persistence context, {@link #openWindowsForSignIn}) can answer for
     * it. The last check before a sign-in's attributes or claim are written.
     *
     * <p>One query a window rather than one {@code id in (:ids)} for all: Hibernate translates a query with a list
     * parameter to SQL again at every execution, while a query with single values is translated once; a sign-in
     * carries one window, or a few in numbered mode. A sign-in changes no window, so nothing of this transaction is
     * flushed (and compared for changes) before asking.
     *
     * @throws StoreUnavailable if the database cannot be asked
     */
    public java.util.Set<String> stillOpen(Collection<String> ids, String userId, String clientId, Instant now) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        try {
            java.util.Set<String> open = new java.util.HashSet<>();
            for (String id : new java.util.LinkedHashSet<>(ids)) {
                em.createNamedQuery("elevate.stillOpenId", String.class)
                        .setFlushMode(FlushModeType.COMMIT)
                        .setParameter("id", id)
                        .setParameter("realmId", realm.getId())
                        .setParameter("userId", userId)
                        .setParameter("clientId", clientId)
                        .setParameter("status", WindowStatus.APPROVED.name())
                        .setParameter("now", now.toEpochMilli())
                        .getResultList()
                        .forEach(open::add);
            }
            return java.util.Set.copyOf(open);
        } catch (RuntimeException e) {
            if (StoreUnavailable.isCause(e)) {
                throw new StoreUnavailable("Windows " + ids + " could not be checked again: " + e, e);
            }
            throw e;
        }
    }
}
