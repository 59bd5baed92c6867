package io.elevate.portal;

import io.elevate.audit.AuditLog;
import io.elevate.audit.AuditRecord;
import io.elevate.audit.TransitionDetail;
import io.elevate.window.Approval;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;
import io.elevate.workflow.ElevationPolicy;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells audit records in words: each record's columns (who, what, when, from where), the request it is about (its
 * requester's name, its target: policy, account, role, instance; break-glass or not; approvals so far) read from the
 * request's own row, and the reason the person gave, read exactly from the transition's detail
 * ({@link TransitionDetail}). Requests, people and approvals are read once per page.
 */
final class AuditStories {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WindowStore windows;
    private final Map<String, ElevationPolicy> policies;
    private final String portalUrl;
    private final Map<String, Optional<ElevationWindow>> seen = new HashMap<>();
    private final Map<String, List<Approval>> approvals = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, List<Instant>> extensions = new HashMap<>();

    AuditStories(KeycloakSession session, RealmModel realm, WindowStore windows, Map<String, ElevationPolicy> policies,
                 String portalUrl) {
        this.session = session;
        this.realm = realm;
        this.windows = windows;
        this.policies = policies;
        this.portalUrl = portalUrl;
    }

    List<AuditView.Entry> tell(List<AuditRecord> records) {
        return records.stream().map(this::tell).toList();
    }

    AuditView.Entry tell(AuditRecord record) {
        Optional<ElevationWindow> window = record.windowId() == null ? Optional.empty()
                : seen.computeIfAbsent(record.windowId(), windows::find);
        Optional<TransitionDetail.Parsed> parsed = TransitionDetail.parse(record);
        String requester = window.map(w -> name(w.userId()))
                .or(() -> parsed.map(TransitionDetail.Parsed::requesterId).map(this::name)).orElse(null);
        String approvalsSoFar = null;
        if (window.isPresent() && window.get().request().approvalsRequired() > 0) {
            ElevationWindow w = window.get();
            long given = approvalsSoFar(approvals.computeIfAbsent(w.id(), windows::approvals),
                    extensionsAsked(w), record.occurredAt());
            approvalsSoFar = given + "/" + w.request().approvalsRequired();
        }
        Optional<List<AuditView.Field>> read = parsed.isPresent() ? Optional.empty()
                : AuditFields.read(record.detail());
        List<AuditView.Field> stored = parsed.map(p -> TransitionDetail.MORE.stream().filter(p.more()::containsKey)
                .map(k -> new AuditView.Field(k, p.more().get(k))).toList()).orElseGet(() -> read.orElse(List.of()));
        AuditView.Target target = window.map(this::target)
                .orElseGet(() -> target(record, parsed.map(TransitionDetail.Parsed::policyId).orElse(null), stored));
        // the break-glass mark and the target (a policy by name) are shown already: the fields need not say them again
        List<AuditView.Field> fields = stored.stream().filter(f -> !f.getKey().equals("breakGlass"))
                .filter(f -> target == null || window.isPresent()
                        || !(f.getKey().equals("name") && f.getValue().equals(target.policyName()))
                        && !(f.getKey().equals("policy") && policies.containsKey(f.getValue()))).toList();
        boolean breakGlass = window.map(w -> w.request().breakGlass())
                .orElseGet(() -> stored.stream().anyMatch(f -> f.getKey().equals("breakGlass") && f.getValue().equals("true")));
        String raw = parsed.isEmpty() && read.isEmpty() ? record.detail() : null;
        String actor = record.actorId() == null ? record.actorName() : name(record.actorId(), record.actorName());
        return new AuditView.Entry(record, actor, requester, target, parsed.map(TransitionDetail.Parsed::reason)
                .orElse(null), raw, fields, approvalsSoFar, breakGlass,
                record.windowId() == null ? null : portalUrl + "/requests/" + record.windowId(),
                parsed.map(TransitionDetail.Parsed::rule).orElse(null),
                parsed.map(TransitionDetail.Parsed::stage).orElse(null));
    }

    /**
     * The target of a record without a request: the policy a refusal or a policy change names (its name now, or the
     * name the record kept for a policy since deleted), or none.
     */
    private AuditView.Target target(AuditRecord record, String policyId, List<AuditView.Field> fields) {
        String id = policyId != null ? policyId : fields.stream().filter(f -> f.getKey().equals("policy"))
                .map(AuditView.Field::getValue).findFirst().orElse(null);
        ElevationPolicy policy = id == null ? null : policies.get(id);
        if (policy != null) {
            return new AuditView.Target(policy.name(), policy.accountId(), policy.roleName(), null);
        }
        String kept = fields.stream().filter(f -> f.getKey().equals("name")).map(AuditView.Field::getValue).findFirst()
                .orElse(null);
        return record.action().startsWith("POLICY_") && kept != null ? new AuditView.Target(kept, null, null, null)
                : null;
    }

    /** When the window's extensions were asked, from its audit trail (none read for a window never extended). */
    private List<Instant> extensionsAsked(ElevationWindow w) {
        if (w.request().round() == 0) {
            return List.of();
        }
        return extensions.computeIfAbsent(w.id(), id -> new AuditLog(session, realm)
                .list(AuditLog.Filter.window(id), 0, 10_000).stream()
                .filter(r -> "EXTENSION_REQUESTED".equals(r.action())).map(AuditRecord::occurredAt).toList());
    }

    /**
     * The approvals given by {@code at} in the approval round a record at {@code at} belongs to: each extension asked
     * starts a new round, so the round is the number of extensions asked up to then (the record's own included).
     */
    static long approvalsSoFar(List<Approval> approvals, List<Instant> extensionsAsked, Instant at) {
        long round = extensionsAsked.stream().filter(t -> !t.isAfter(at)).count();
        return approvals.stream().filter(a -> a.round() == round && !a.approvedAt().isAfter(at)).count();
    }

    /** The request's target: its policy's name, account, role and instance. */
    AuditView.Target target(ElevationWindow w) {
        ElevationPolicy policy = w.request().policyId() == null ? null : policies.get(w.request().policyId());
        return new AuditView.Target(policy == null ? null : policy.name(), w.target().accountId(),
                w.target().roleName(), w.target().instanceId());
    }

    String name(String userId) {
        return name(userId, userId);
    }

    /** "First Last (username)", or the name the record kept when the user is gone. */
    private String name(String userId, String fallback) {
        return names.computeIfAbsent(userId, id -> {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                return fallback;
            }
            String display = PortalViews.name(user);
            return display.equals(user.getUsername()) ? display : display + " (" + user.getUsername() + ")";
        });
    }
}
