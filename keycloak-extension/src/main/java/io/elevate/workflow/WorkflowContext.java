package io.elevate.workflow;

import io.elevate.validation.Violation;
import io.elevate.notify.Notifier;
import io.elevate.window.Approval;
import io.elevate.window.ElevationWindow;
import io.elevate.window.ElevationWindowEntity;
import io.elevate.window.WindowStatus;
import io.elevate.window.WindowStore;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every part of one realm's workflow shares in one session: the realm's windows and policies (from the session's
 * {@link ElevationStore}), its groups, the transition core and the authorisation rules, and the small helpers the
 * steps have in common.
 */
final class WorkflowContext {

    final KeycloakSession session;
    final RealmModel realm;
    final ElevationStore storage;
    final WindowStore store;
    final Policies policies;
    final PolicyGroups groups;
    final Transitions transitions;
    final Authorisation authorisation;

    WorkflowContext(KeycloakSession session, RealmModel realm, Notifier notifier, String portalUrl) {
        this.session = session;
        this.realm = realm;
        this.storage = ElevationStore.of(session);
        this.store = storage.windows(realm);
        this.policies = storage.policies(realm);
        this.groups = new PolicyGroups(session, realm);
        this.transitions = new Transitions(session, realm, store, notifier, portalUrl);
        this.authorisation = new Authorisation(groups, policies);
    }

    /** Changes the window this transaction holds ({@link Transitions#locked}). */
    ElevationWindow change(String id, Consumer<ElevationWindowEntity> change) {
        return store.change(id, change).orElseThrow(() -> new IllegalStateException("window " + id
                + " vanished while this transaction held it"));
    }

    Optional<ElevationPolicy> policyOf(RequestDraft draft) {
        return draft.policyId() == null ? Optional.empty() : policies.find(draft.policyId());
    }

    Optional<ElevationPolicy> policyOf(ElevationWindow window) {
        return authorisation.policyOf(window);
    }

    /** The AWS client the policy's windows are for; a violation when it no longer exists. */
    ClientModel awsClient(ElevationPolicy policy, List<Violation> violations) {
        ClientModel client = realm.getClientByClientId(policy.clientId());
        if (client == null) {
            violations.add(Violation.of("policy", "the policy's AWS client " + policy.clientId() + " does not exist"));
        }
        return client;
    }

    List<UserModel> approvers(ElevationPolicy policy, ElevationWindow window) {
        return groups.approversOtherThan(policy, List.of(window.userId()));
    }

    /**
     * Who is told that {@code stage} of the window's current round waits for them: its approvers, never the requester,
     * nor (unless the policy allows one person several stages) anyone who approved an earlier stage of the round.
     */
    List<UserModel> stageApprovers(ElevationPolicy policy, ElevationWindow window, ApprovalStage stage) {
        List<String> excluded = new java.util.ArrayList<>(List.of(window.userId()));
        if (!policy.sameApproverAcrossStages()) {
            excluded.addAll(StageProgress.of(policy, store.approvals(window.id()), window.request().round())
                    .approverIds());
        }
        return groups.approversOtherThan(stage.approverGroups(), excluded);
    }

    List<UserModel> requester(ElevationWindow window) {
        UserModel user = session.users().getUserById(realm, window.userId());
        return user == null ? List.of() : List.of(user);
    }

    String approverNames(String id, int round) {
        return String.join(",", store.approvals(id).stream().filter(a -> a.round() == round)
                .map(Approval::approverName).toList());
    }

    static boolean ended(ElevationWindow window, Instant now) {
        return !now.isBefore(window.endsAt());
    }

    static String state(ElevationWindow window, Instant now) {
        if (window.status() == WindowStatus.APPROVED && ended(window, now)) {
            return "ended";
        }
        return window.status().name().toLowerCase(Locale.ROOT);
    }

    /** A text that says nothing is no text; any other is kept exactly as typed (never trimmed). */
    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A text a step requires: present, and within the user-text rules ({@link UserText}), several lines allowed. */
    static List<Violation> requiredText(String field, String value, String missing) {
        if (value == null || value.isBlank()) {
            return List.of(Violation.of(field, missing));
        }
        return UserText.check(field, value, RequestRules.MAX_TEXT, true).stream().toList();
    }
}
