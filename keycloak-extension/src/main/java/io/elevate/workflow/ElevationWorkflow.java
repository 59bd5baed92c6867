package io.elevate.workflow;

import io.elevate.aws.Violation;
import io.elevate.aws.instances.Instance;
import io.elevate.aws.instances.InstanceTags;
import io.elevate.notify.Notice;
import io.elevate.notify.Notifier;
import io.elevate.window.Approval;
import io.elevate.window.ElevationWindow;
import io.elevate.window.ElevationWindowEntity;
import io.elevate.window.NewWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.WindowStatus;
import io.elevate.window.WindowStore;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The request lifecycle as a state machine: request, approve (by a quorum of distinct approvers, never the requester),
 * reject, cancel, revoke, extend, break-glass and its review, and the timer's expiry. Every step runs through the
 * transition core ({@link Transitions#run}): a step on an existing request first takes the row
 * ({@link Transitions#locked}: its version is bumped and its write lock held, so concurrent steps on one request run one
 * after the other and each sees the one before), then checks who may take it on that fresh state, changes the window,
 * and records the change (audit row, admin event, notices after commit) in the same transaction. A refusal changes
 * nothing; a lost race is a 409 and a failing database a 503.
 */
public final class ElevationWorkflow {

    private static final Violation NO_POLICY = Violation.of("policy", "no elevation policy with this id in this realm");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WindowStore store;
    private final PolicyGroups groups;
    private final Transitions transitions;
    private final RequestLimits limits;

    public ElevationWorkflow(KeycloakSession session, RealmModel realm, Notifier notifier,
                             String portalUrl) {
        this.session = session;
        this.realm = realm;
        this.store = ElevationStore.of(session).windows(realm);
        this.groups = new PolicyGroups(session, realm);
        this.transitions = new Transitions(session, realm, store, notifier, portalUrl);
        this.limits = new RequestLimits(session, realm, store);
    }

    /** The policies this user may ask under. */
    public List<ElevationPolicy> eligible(UserModel user) {
        return policies().all().stream().filter(p -> groups.isMemberOfAny(user, p.eligibleGroups())).toList();
    }

    public boolean mayApprove(UserModel user, ElevationWindow window) {
        return !user.getId().equals(window.userId()) && policyOf(window)
                .map(p -> groups.isMemberOfAny(user, p.approverGroups())).orElse(false);
    }

    public boolean mayBreakGlass(UserModel user, ElevationPolicy policy) {
        return policy.breakGlass().map(group -> groups.isMemberOfAny(user, List.of(group))).orElse(false);
    }

    /** Requests and extensions this user may decide now (never their own). */
    public List<ElevationWindow> waitingFor(UserModel user, int max) {
        return store.awaitingDecision(approvable(user), max).stream().filter(w -> mayApprove(user, w))
                .filter(w -> store.approvals(w.id()).stream()
                        .noneMatch(a -> a.round() == w.request().round() && a.approverId().equals(user.getId())))
                .toList();
    }

    /** Break-glass windows this user must review. */
    public List<ElevationWindow> toReview(UserModel user, int max) {
        return store.awaitingReview(approvable(user), max).stream().filter(w -> mayApprove(user, w)).toList();
    }

    /** The ids of the policies this user approves for. */
    private List<String> approvable(UserModel user) {
        return policies().all().stream().filter(p -> groups.isMemberOfAny(user, p.approverGroups()))
                .map(ElevationPolicy::id).toList();
    }

    public Outcome request(Caller caller, RequestDraft draft, Instant now) {
        return transitions.run(() -> requestNow(caller, draft, now));
    }

    private Outcome requestNow(Caller caller, RequestDraft draft, Instant now) {
        Optional<ElevationPolicy> found = policyOf(draft);
        if (found.isEmpty()) {
            return Outcome.invalid(List.of(NO_POLICY));
        }
        ElevationPolicy policy = found.get();
        if (!groups.isMemberOfAny(caller.user(), policy.eligibleGroups())) {
            return Outcome.forbidden("you are not eligible for " + policy.name());
        }
        int approvers = groups.approversOtherThan(policy, caller.user().getId());
        if (approvers < policy.approvalsRequired()) {
            return Outcome.conflict(policy.name() + " needs " + policy.approvalsRequired()
                    + " approver(s) other than you, but its approver groups have " + approvers
                    + "; ask your Keycloak administrator");
        }
        List<Violation> violations = RequestRules.check(policy, draft, policy.maxDuration(), now);
        ClientModel client = awsClient(policy, violations);
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations);
        }
        InstanceTargets.Result target = target(policy, draft.instanceId());
        if (target.refusal() != null) {
            return target.refusal();
        }
        Optional<Outcome> limited = limits.pending(caller, policy, now);
        if (limited.isPresent()) {
            return limited.get();
        }
        Instant start = draft.startsAt() == null || draft.startsAt().isBefore(now) ? now : draft.startsAt();
        RequestInfo info = new RequestInfo(policy.id(), blankToNull(draft.ticket()), false, policy.approvalsRequired(),
                now.plus(policy.pendingExpiry()), null, null, null, null, null, null, null, 0, false);
        ElevationWindow window = store.create(new NewWindow(caller.user().getId(), client.getId(),
                target.target(), start, start.plus(Duration.ofMinutes(draft.durationMinutes())),
                blankToNull(draft.justification()), caller.name(), null, WindowStatus.REQUESTED, info), now);
        transitions.record("REQUESTED", window, caller, draft.justification(), now);
        transitions.tellAfterCommit(Notice.Kind.REQUESTED, window, approvers(policy, window));
        return new Outcome.Done(window);
    }

    public Outcome breakGlass(Caller caller, RequestDraft draft, Instant now) {
        return transitions.run(() -> breakGlassNow(caller, draft, now));
    }

    private Outcome breakGlassNow(Caller caller, RequestDraft draft, Instant now) {
        Optional<ElevationPolicy> found = policyOf(draft);
        if (found.isEmpty()) {
            return Outcome.invalid(List.of(NO_POLICY));
        }
        ElevationPolicy policy = found.get();
        if (policy.breakGlass().isEmpty()) {
            return Outcome.forbidden("break-glass is not allowed for " + policy.name());
        }
        if (!groups.isMemberOfAny(caller.user(), List.of(policy.breakGlassGroup()))) {
            return Outcome.forbidden("you are not in the break-glass group of " + policy.name());
        }
        RequestDraft immediate = new RequestDraft(draft.policyId(), draft.instanceId(), draft.justification(),
                draft.ticket(), draft.durationMinutes(), null);
        List<Violation> violations = new ArrayList<>(RequestRules.check(policy, immediate,
                policy.breakGlassMaxDuration(), now));
        if (draft.justification() == null || draft.justification().isBlank()) {
            violations.add(Violation.of("justification", "break-glass always needs a justification"));
        }
        ClientModel client = awsClient(policy, violations);
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations.stream().distinct().toList());
        }
        InstanceTargets.Result target = target(policy, draft.instanceId());
        if (target.refusal() != null) {
            return target.refusal();
        }
        Optional<Outcome> limited = limits.breakGlass(caller, policy, now);
        if (limited.isPresent()) {
            return limited.get();
        }
        RequestInfo info = new RequestInfo(policy.id(), blankToNull(draft.ticket()), true, 0, null, null, now, null,
                null, null, null, null, 0, false);
        ElevationWindow window = store.create(new NewWindow(caller.user().getId(), client.getId(),
                target.target(), now, now.plus(Duration.ofMinutes(draft.durationMinutes())),
                draft.justification(), caller.name(), "break-glass", WindowStatus.APPROVED, info), now);
        transitions.record("BREAK_GLASS", window, caller, draft.justification(), now);
        if (policy.osCredential() != null) {
            // In the same transaction: the OS password is set by the timer, off the request thread (io.elevate.breakglass).
            ElevationStore.of(session).osCredentials().enqueue(realm, window, policy.osCredential(), now);
        }
        transitions.tellAfterCommit(Notice.Kind.BREAK_GLASS, window, approvers(policy, window));
        return new Outcome.Done(window);
    }

    public Outcome approve(Caller caller, String id, String comment, Instant now) {
        Optional<Violation> invalid = UserText.check("comment", comment, RequestRules.MAX_TEXT, true);
        if (invalid.isPresent()) {
            return Outcome.invalid(List.of(invalid.get()));
        }
        return decide(caller, id, now, window -> {
            if (store.approvals(id).stream().anyMatch(a -> a.round() == window.request().round()
                    && a.approverId().equals(caller.user().getId()))) {
                return Outcome.conflict("you already approved this; it needs another approver");
            }
            int approvals = store.approve(window, caller.user().getId(), caller.name(), blankToNull(comment), now);
            // The row is held by this transaction (see decide), so this count includes every vote committed before
            // it, and no other vote of this round can commit until this one has: the quorum is met exactly once.
            if (approvals < window.request().approvalsRequired()) {
                transitions.record("APPROVAL_ADDED", window, caller, comment, now);
                return new Outcome.Done(store.find(id).orElseThrow());
            }
            boolean extension = window.status() == WindowStatus.APPROVED;
            ElevationWindow decided = change(id, e -> {
                if (extension) {
                    e.setEndsAt(e.getEndsAt() + Duration.ofMinutes(e.getExtensionMinutes()).toMillis());
                    e.setExtensionMinutes(null);
                    e.setExtensionJustification(null);
                    e.setEndNoticeSent(false);
                } else {
                    e.setStatus(WindowStatus.APPROVED.name());
                    e.setApprovedBy(approverNames(id, window.request().round()));
                    e.setExpiresAt(null);
                }
                e.setDecidedBy(caller.name());
                e.setDecidedAt(now.toEpochMilli());
                e.setDecisionComment(blankToNull(comment));
            });
            transitions.record(extension ? "EXTENDED" : "APPROVED", decided, caller, comment, now);
            transitions.tellAfterCommit(Notice.Kind.APPROVED, decided, requester(decided));
            return new Outcome.Done(decided);
        });
    }

    public Outcome reject(Caller caller, String id, String comment, Instant now) {
        List<Violation> invalid = requiredText("comment", comment, "say why you reject it");
        if (!invalid.isEmpty()) {
            return Outcome.invalid(invalid);
        }
        return decide(caller, id, now, window -> {
            boolean extension = window.status() == WindowStatus.APPROVED;
            ElevationWindow decided = change(id, e -> {
                if (extension) {
                    e.setExtensionMinutes(null);
                    e.setExtensionJustification(null);
                } else {
                    e.setStatus(WindowStatus.REJECTED.name());
                    e.setExpiresAt(null);
                }
                e.setDecidedBy(caller.name());
                e.setDecidedAt(now.toEpochMilli());
                e.setDecisionComment(comment);
            });
            transitions.record(extension ? "EXTENSION_REJECTED" : "REJECTED", decided, caller, comment, now);
            transitions.tellAfterCommit(Notice.Kind.REJECTED, decided, requester(decided));
            return new Outcome.Done(decided);
        });
    }

    /** The requester withdraws a pending request, or ends an approved window early. */
    public Outcome cancel(Caller caller, String id, String reason, Instant now) {
        return transitions.locked(id, "no request " + id + " of yours", window -> {
            if (!window.userId().equals(caller.user().getId())) {
                return Outcome.notFound("no request " + id + " of yours");
            }
            return cancel(caller, window, reason, now);
        });
    }

    private Outcome cancel(Caller caller, ElevationWindow window, String reason, Instant now) {
        String id = window.id();
        if (!window.status().canBecome(WindowStatus.CANCELLED) || ended(window, now)) {
            return Outcome.conflict("the request is " + state(window, now) + " and can no longer be cancelled");
        }
        boolean live = window.status() == WindowStatus.APPROVED;
        ElevationWindow cancelled = change(id, e -> {
            e.setStatus(WindowStatus.CANCELLED.name());
            e.setDecidedBy(caller.name());
            e.setDecidedAt(now.toEpochMilli());
            e.setDecisionComment(blankToNull(reason));
            e.setExpiresAt(null);
        });
        transitions.record("CANCELLED", cancelled, caller, reason, now);
        if (live) {
            ElevationStore.of(session).revocations().enqueue(realm, cancelled, now);
        }
        return new Outcome.Done(cancelled);
    }

    /** An approver of the target, or an admin ({@code asAdmin}), ends an approved window at once. */
    public Outcome revoke(Caller caller, String id, String reason, boolean asAdmin, Instant now) {
        List<Violation> invalid = requiredText("reason", reason, "say why you revoke it");
        if (!invalid.isEmpty()) {
            return Outcome.invalid(invalid);
        }
        return transitions.locked(id, "no elevation window " + id + " in this realm",
                window -> revoke(caller, window, reason, asAdmin, now));
    }

    private Outcome revoke(Caller caller, ElevationWindow window, String reason, boolean asAdmin, Instant now) {
        String id = window.id();
        if (!asAdmin && !mayApprove(caller.user(), window)) {
            return Outcome.forbidden("only an approver of this target or an admin may revoke it");
        }
        if (window.status() != WindowStatus.APPROVED) {
            return Outcome.conflict("the window is " + state(window, now) + ", not approved");
        }
        if (ended(window, now)) {
            return Outcome.conflict("the window already ended at " + window.endsAt());
        }
        ElevationWindow revoked = change(id, e -> {
            e.setStatus(WindowStatus.REVOKED.name());
            e.setRevokedBy(caller.name());
            e.setRevokedAt(now.toEpochMilli());
            e.setRevokeReason(reason);
            e.setExtensionMinutes(null);
            e.setExtensionJustification(null);
        });
        transitions.record("REVOKED", revoked, caller, reason, now);
        // In the same transaction: the deny policy that ends live AWS sessions is never lost (see io.elevate.revoke).
        ElevationStore.of(session).revocations().enqueue(realm, revoked, now);
        transitions.tellAfterCommit(Notice.Kind.REVOKED, revoked, requester(revoked));
        return new Outcome.Done(revoked);
    }

    /** The requester asks for more time on an approved window; it needs approval again. */
    public Outcome extend(Caller caller, String id, Integer minutes, String justification, Instant now) {
        return transitions.locked(id, "no request " + id + " of yours", window -> {
            if (!window.userId().equals(caller.user().getId())) {
                return Outcome.notFound("no request " + id + " of yours");
            }
            return extend(caller, window, minutes, justification, now);
        });
    }

    private Outcome extend(Caller caller, ElevationWindow window, Integer minutes, String justification, Instant now) {
        String id = window.id();
        Optional<ElevationPolicy> policy = policyOf(window);
        if (policy.isEmpty()) {
            return Outcome.conflict("this window was not asked under a policy and cannot be extended; ask anew");
        }
        if (window.status() != WindowStatus.APPROVED || ended(window, now)) {
            return Outcome.conflict("only an approved window that has not ended can be extended");
        }
        if (window.request().extensionPending()) {
            return Outcome.conflict("an extension already waits for approval");
        }
        long total = Duration.between(window.startsAt(), window.endsAt()).toMinutes() + (minutes == null ? 0 : minutes);
        List<Violation> violations = new ArrayList<>();
        if (minutes == null || minutes < 1) {
            violations.add(Violation.of("minutes", "is required and must be positive"));
        } else if (total > policy.get().maxDuration().toMinutes()) {
            violations.add(Violation.of("minutes", "the window would last " + total + " minutes; the policy allows "
                    + policy.get().maxDuration().toMinutes()));
        }
        violations.addAll(requiredText("justification", justification, "say why you need more time"));
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations);
        }
        // An extension needs the policy's quorum as it is now, whatever the window had (a break-glass window had none).
        int quorum = policy.get().approvalsRequired();
        int approvers = groups.approversOtherThan(policy.get(), caller.user().getId());
        if (approvers < quorum) {
            return Outcome.conflict(policy.get().name() + " needs " + quorum + " approver(s) other than you, but its "
                    + "approver groups have " + approvers + "; ask your Keycloak administrator");
        }
        ElevationWindow asked = change(id, e -> {
            e.setExtensionMinutes(minutes);
            e.setExtensionJustification(justification);
            e.setApprovalsRequired(quorum);
            e.setRound(e.getRound() + 1);
        });
        transitions.record("EXTENSION_REQUESTED", asked, caller, justification, now);
        transitions.tellAfterCommit(Notice.Kind.REQUESTED, asked, approvers(policy.get(), asked));
        return new Outcome.Done(asked);
    }

    /** An approver of the target confirms they looked at a break-glass window; until then it stays flagged. */
    public Outcome review(Caller caller, String id, String comment, Instant now) {
        return transitions.locked(id, "no elevation window " + id + " in this realm",
                window -> review(caller, window, comment, now));
    }

    private Outcome review(Caller caller, ElevationWindow window, String comment, Instant now) {
        String id = window.id();
        if (!window.request().breakGlass()) {
            return Outcome.conflict("only break-glass windows are reviewed");
        }
        if (!mayApprove(caller.user(), window)) {
            return Outcome.forbidden("only an approver of this target, other than its user, may review it");
        }
        if (!window.request().awaitingReview()) {
            return Outcome.conflict("already reviewed by " + window.request().reviewedBy());
        }
        List<Violation> invalid = requiredText("comment", comment, "say what you found");
        if (!invalid.isEmpty()) {
            return Outcome.invalid(invalid);
        }
        ElevationWindow reviewed = change(id, e -> {
            e.setReviewedBy(caller.name());
            e.setReviewedAt(now.toEpochMilli());
        });
        transitions.record("REVIEWED", reviewed, caller, comment, now);
        return new Outcome.Done(reviewed);
    }

    /**
     * Pending requests whose time ran out, at most {@code max}; the timer expires each with {@link #expire}, in a
     * transaction of its own.
     */
    public List<String> expiredRequests(Instant now, int max) {
        return store.expiredRequests(now, max);
    }

    /**
     * Expires one pending request whose time ran out, through the transition core; run by the timer. Returns false,
     * changing nothing, when it is gone or no longer pending and out of time (decided since it was listed).
     */
    public boolean expire(String id, Instant now) {
        return taken(transitions.locked(id, "no request " + id + " in this realm", window -> {
            if (window.status() != WindowStatus.REQUESTED || window.request().expiresAt() == null
                    || now.isBefore(window.request().expiresAt())) {
                return Outcome.conflict("the request is " + state(window, now) + " and not out of time");
            }
            ElevationWindow expired = change(id, e -> {
                e.setStatus(WindowStatus.EXPIRED.name());
                e.setDecidedBy(Caller.SYSTEM);
                e.setDecidedAt(now.toEpochMilli());
            });
            transitions.record("EXPIRED", expired, Caller.system(), "no decision before " + window.request().expiresAt(),
                    now);
            return new Outcome.Done(expired);
        }));
    }

    /**
     * Approved windows ending within {@code notice} whose requester was not told yet, at most {@code max}; the timer
     * tells each with {@link #noticeEnding}, in a transaction of its own.
     */
    public List<String> endingWithoutNotice(Duration notice, Instant now, int max) {
        return store.endingWithoutNotice(now, notice, max);
    }

    /**
     * Tells the requester that the window ends within {@code notice}, once, through the transition core; run by the
     * timer. Returns false, changing nothing, when it is gone, already told, or no longer an approved window that
     * has started and ends within {@code notice}.
     */
    public boolean noticeEnding(String id, Duration notice, Instant now) {
        return taken(transitions.locked(id, "no window " + id + " in this realm", window -> {
            if (window.status() != WindowStatus.APPROVED || window.request().endNoticeSent() || ended(window, now)
                    || window.startsAt().isAfter(now) || window.endsAt().isAfter(now.plus(notice))) {
                return Outcome.conflict("the window is " + state(window, now) + " and needs no end notice now");
            }
            ElevationWindow told = change(id, e -> e.setEndNoticeSent(true));
            transitions.tellAfterCommit(Notice.Kind.ENDING_SOON, told, requester(told));
            return new Outcome.Done(told);
        }));
    }

    /**
     * Whether a timer's step was taken. Not due (any more) is false; the database failing is thrown, so that the
     * timer logs and counts it and tries the item again at its next run.
     */
    private static boolean taken(Outcome outcome) {
        if (outcome instanceof Outcome.Refused refused && refused.status() >= 500) {
            throw new IllegalStateException(refused.message());
        }
        return outcome instanceof Outcome.Done;
    }

    private interface Decision {
        Outcome take(ElevationWindow window);
    }

    /** The checks every approver decision shares: it exists, it waits for a decision, this approver may decide. */
    private Outcome decide(Caller caller, String id, Instant now, Decision decision) {
        return transitions.locked(id, "no request " + id + " in this realm",
                window -> decide(caller, window, now, decision));
    }

    private Outcome decide(Caller caller, ElevationWindow window, Instant now, Decision decision) {
        if (window.userId().equals(caller.user().getId())) {
            return Outcome.forbidden("you cannot decide your own request");
        }
        Optional<ElevationPolicy> policy = policyOf(window);
        if (policy.isEmpty() || !groups.isMemberOfAny(caller.user(), policy.get().approverGroups())) {
            return Outcome.forbidden("you are not an approver of this target");
        }
        if (caller.level() < policy.get().approverMinLevel()) {
            return Outcome.forbidden("approving this target needs a sign-in of level " + policy.get().approverMinLevel()
                    + " (step up with MFA), yours is " + caller.level());
        }
        boolean pending = window.status() == WindowStatus.REQUESTED
                || (window.status() == WindowStatus.APPROVED && window.request().extensionPending() && !ended(window, now));
        if (!pending) {
            return Outcome.conflict("the request is " + state(window, now) + "; nothing waits for a decision");
        }
        if (window.status() == WindowStatus.REQUESTED && window.request().expiresAt() != null
                && !now.isBefore(window.request().expiresAt())) {
            return Outcome.conflict("the request expired at " + window.request().expiresAt());
        }
        return decision.take(window);
    }

    private ElevationWindow change(String id, Consumer<ElevationWindowEntity> change) {
        return store.change(id, change).orElseThrow(() -> new IllegalStateException("window " + id
                + " vanished while this transaction held it"));
    }

    /**
     * The instances a request under {@code policy} may name, at most {@code limit}: looked up in AWS by the policy's
     * tags when the policy discovers instance tags (then {@link Instance#tags()} are the instance's), else the policy's
     * own list (without state or tags).
     *
     * @throws io.elevate.aws.instances.InstanceLookupException when AWS could not be asked
     */
    public List<Instance> requestable(ElevationPolicy policy, int limit) {
        if (!policy.discovers()) {
            return policy.instanceIds().stream().limit(limit).map(id -> new Instance(id, null, Map.of())).toList();
        }
        return instanceTargets(policy).requestable(policy, limit);
    }

    /**
     * The target a request names: the policy's, or, when the policy discovers instance tags, the instance's as AWS
     * tells them. Asked before anything is written, so an AWS call never holds a row lock.
     */
    private InstanceTargets.Result target(ElevationPolicy policy, String instanceId) {
        if (!policy.discovers()) {
            return new InstanceTargets.Result(policy.target(instanceId), null);
        }
        return instanceTargets(policy).target(policy, instanceId);
    }

    private InstanceTargets instanceTargets(ElevationPolicy policy) {
        return new InstanceTargets(session.getProvider(InstanceTags.class).directory(policy.discovery().source()));
    }

    private Optional<ElevationPolicy> policyOf(RequestDraft draft) {
        return draft.policyId() == null ? Optional.empty() : policies().find(draft.policyId());
    }

    /** The AWS client the policy's windows are for; a violation when it no longer exists. */
    private ClientModel awsClient(ElevationPolicy policy, List<Violation> violations) {
        ClientModel client = realm.getClientByClientId(policy.clientId());
        if (client == null) {
            violations.add(Violation.of("policy", "the policy's AWS client " + policy.clientId() + " does not exist"));
        }
        return client;
    }

    private Optional<ElevationPolicy> policyOf(ElevationWindow window) {
        return window.request().policyId() == null ? Optional.empty()
                : policies().find(window.request().policyId());
    }

    private Policies policies() {
        return ElevationStore.of(session).policies(realm);
    }

    private List<UserModel> approvers(ElevationPolicy policy, ElevationWindow window) {
        return groups.approversOtherThan(policy, List.of(window.userId()));
    }

    private List<UserModel> requester(ElevationWindow window) {
        UserModel user = session.users().getUserById(realm, window.userId());
        return user == null ? List.of() : List.of(user);
    }

    private String approverNames(String id, int round) {
        return String.join(",", store.approvals(id).stream().filter(a -> a.round() == round)
                .map(Approval::approverName).toList());
    }

    private static boolean ended(ElevationWindow window, Instant now) {
        return !now.isBefore(window.endsAt());
    }

    static String state(ElevationWindow window, Instant now) {
        if (window.status() == WindowStatus.APPROVED && ended(window, now)) {
            return "ended";
        }
        return window.status().name().toLowerCase(Locale.ROOT);
    }

    /** A text that says nothing is no text; any other is kept exactly as typed (never trimmed). */
    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A text a step requires: present, and within the user-text rules ({@link UserText}), several lines allowed. */
    private static List<Violation> requiredText(String field, String value, String missing) {
        if (value == null || value.isBlank()) {
            return List.of(Violation.of(field, missing));
        }
        return UserText.check(field, value, RequestRules.MAX_TEXT, true).stream().toList();
    }
}
