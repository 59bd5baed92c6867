package io.elevate.api;

import io.elevate.aws.SessionManagerLink;
import io.elevate.window.Approval;
import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.WindowStatus;
import io.elevate.workflow.ApprovalStage;
import io.elevate.workflow.ElevationPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An elevation request and its window, as the elevation API and the portal show it. Times are ISO-8601. */
public record RequestRepresentation(String id, String requester, String policyId, String policyName,
                                    String accountId, String roleName, String region, String instanceId,
                                    Map<String, String> tags, String status, boolean open, boolean breakGlass,
                                    boolean awaitingReview, String startsAt, String endsAt, String justification,
                                    String ticket, int approvalsRequired, List<ApprovalRepresentation> approvals,
                                    String expiresAt, String decidedBy, String decisionComment,
                                    Integer extensionMinutes, String extensionJustification, String revokedBy,
                                    String revokeReason, String reviewedBy, String sessionManagerUrl,
                                    String autoApprovedByRule, int stages, Integer currentStage,
                                    String currentStageName, boolean roleChaining,
                                    String runAsUser) {

    /** One approver's yes, in approval stage {@code stage} (from 1) of round {@code round}. */
    public record ApprovalRepresentation(int round, String approver, String at, String comment, int stage) {
    }

    static RequestRepresentation of(ElevationWindow w, String requester, ElevationPolicy policy,
                                    List<Approval> approvals, Instant now) {
        RequestInfo r = w.request();
        var t = w.target();
        boolean waiting = w.status() == WindowStatus.REQUESTED
                || (w.status() == WindowStatus.APPROVED && r.extensionPending());
        Optional<ApprovalStage> stage = policy == null || !waiting ? Optional.empty()
                : policy.currentStage(approvals, r.round());
        return new RequestRepresentation(w.id(), requester, r.policyId(), policy == null ? null : policy.name(),
                t.accountId(), t.roleName(), t.region(), t.instanceId(), t.tags(),
                status(w, now), w.isOpenAt(now), r.breakGlass(), r.awaitingReview(), w.startsAt().toString(),
                w.endsAt().toString(), w.justification(), r.ticket(), r.approvalsRequired(),
                approvals.stream().map(a -> new ApprovalRepresentation(a.round(), a.approverName(),
                        a.approvedAt().toString(), a.comment(), a.stage())).toList(),
                r.expiresAt() == null ? null : r.expiresAt().toString(), r.decidedBy(), r.decisionComment(),
                r.extensionMinutes(), r.extensionJustification(), w.revokedBy(), w.revokeReason(), r.reviewedBy(),
                t.instanceId() == null ? null : SessionManagerLink.forInstance(t.instanceId(), t.region()),
                r.autoRule(), policy == null ? 1 : policy.stages().size(), stage.map(ApprovalStage::number).orElse(null),
                stage.map(ApprovalStage::name).orElse(null), t.roleChaining(),
                t.runAsUser());
    }

    /** The stored status, or ENDED for an approved window whose time is over. */
    static String status(ElevationWindow w, Instant now) {
        return w.status() == WindowStatus.APPROVED && !now.isBefore(w.endsAt()) ? "ENDED"
                : w.status().name();
    }
}
