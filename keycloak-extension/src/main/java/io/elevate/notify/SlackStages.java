package io.elevate.notify;

import io.elevate.window.Approval;
import io.elevate.window.ElevationWindow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a request waiting for approvers stands, as its Slack message's footer says it. Under approval stages: the
 * current stage, its name, its votes so far of its quorum, and who approved the stages before it (e.g. "Stage 2 of 2
 * (security): 0/1 · stage 1 approved by Tom"). Without stages, once someone approved: the quorum and who approved so
 * far ("Waiting for 2 approval(s): 1 so far, by Anna"), so the next approver knows they are the second. Read from the
 * policy's approval stages (its stored setting, only the names and quorums) and the request's approvals of its current
 * round; a policy whose stages setting cannot be read has no such line.
 *
 * @param number  the current stage, from 1 (0 for a policy without stages)
 * @param of      how many stages the policy has (0: none)
 * @param votes   approvals in the current stage so far
 * @param earlier for each earlier stage, who approved it ("stage 1 approved by Tom")
 * @param voters  who approved in the current stage so far
 */
record SlackStages(int number, int of, String name, long votes, int quorum, List<String> earlier,
                   List<String> voters) {

    /** The policy setting with the stages, a JSON array of {@code {"name", "approverGroups", "approvalsRequired"}}. */
    static final String APPROVAL_STAGES = "approvalStages";

    private static final ObjectMapper JSON = new ObjectMapper();

    String text() {
        if (of == 0) {
            // a policy without stages: the quorum and who approved so far
            return "Waiting for " + quorum + " approval(s): " + votes + " so far, by "
                    + SlackMessages.escape(String.join(", ", voters));
        }
        return "Stage " + number + " of " + of + " (" + SlackMessages.escape(name) + "): " + votes + "/" + quorum
                + (earlier.isEmpty() ? "" : " · " + SlackMessages.escape(String.join("; ", earlier)));
    }

    /**
     * The line of a request waiting for approvers: under a staged policy its stage, else (once someone approved) who
     * approved so far ({@link #unstaged}); empty before the first approval of an unstaged policy, and when the stages
     * setting cannot be read. {@code approvals} is read at most once.
     */
    static Optional<SlackStages> of(RealmModel realm, ElevationWindow window, Supplier<List<Approval>> approvals) {
        String policyId = window.request().policyId();
        ComponentModel policy = policyId == null ? null : realm.getComponent(policyId);
        String setting = policy == null ? null : policy.get(APPROVAL_STAGES);
        if (setting == null || setting.isBlank()) {
            return unstaged(window.request().approvalsRequired(), approvals.get().stream()
                    .filter(a -> a.round() == window.request().round()).toList());
        }
        List<String> names = new ArrayList<>();
        List<Integer> quorums = new ArrayList<>();
        try {
            JsonNode stages = JSON.readTree(setting);
            if (stages == null || !stages.isArray() || stages.isEmpty()) {
                return Optional.empty();
            }
            for (JsonNode stage : stages) {
                names.add(stage.path("name").asText("stage " + (names.size() + 1)));
                quorums.add(Math.max(1, stage.path("approvalsRequired").asInt(1)));
            }
        } catch (Exception e) {
            return Optional.empty(); // the policy's own validation tells the admin; the footer falls back
        }
        return of(names, quorums, approvals.get().stream().filter(a -> a.round() == window.request().round()).toList());
    }

    /**
     * The line of a request of a policy without stages, needing {@code quorum} approvals, once some of this round's
     * approvals ({@code round}) are in: "Waiting for 2 approval(s): 1 so far, by Anna"; empty before the first.
     */
    static Optional<SlackStages> unstaged(int quorum, List<Approval> round) {
        List<String> voters = round.stream().map(Approval::approverName).distinct().toList();
        long votes = round.stream().map(Approval::approverId).distinct().count();
        return votes == 0 ? Optional.empty() : Optional.of(new SlackStages(0, 0, null, votes, quorum, List.of(),
                voters));
    }

    /** The line for stages named {@code names} with their quorums, given this round's approvals; empty when all met. */
    static Optional<SlackStages> of(List<String> names, List<Integer> quorums, List<Approval> round) {
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int number = i + 1;
            List<Approval> stage = round.stream().filter(a -> a.stage() == number).toList();
            long votes = stage.stream().map(Approval::approverId).distinct().count();
            if (votes < quorums.get(i)) {
                return Optional.of(new SlackStages(number, names.size(), names.get(i), votes, quorums.get(i),
                        earlier, stage.stream().map(Approval::approverName).distinct().toList()));
            }
            List<String> approvers = stage.stream().map(Approval::approverName).distinct().toList();
            earlier.add("stage " + number + " approved by " + String.join(", ", approvers));
        }
        return Optional.empty();
    }
}
