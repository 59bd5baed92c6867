package io.elevate.workflow;

import io.elevate.rules.JsonLists;
import io.elevate.validation.Violation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a policy's approval stages from its stored setting, a JSON array of {@code {"name", "approverGroups",
 * "approvalsRequired"}} in the order they are met, strictly: every problem is a violation naming the stage.
 */
final class PolicyStages {

    static final int MAX_STAGES = 5;
    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("name", "approverGroups",
            "approvalsRequired"));

    private PolicyStages() {
    }

    static List<ApprovalStage> read(String field, String text, List<Violation> violations) {
        List<JsonNode> items = JsonLists.objects(field, text, FIELDS, violations);
        if (items.size() > MAX_STAGES) {
            violations.add(Violation.of(field, "at most " + MAX_STAGES + " stages, not " + items.size()));
        }
        List<ApprovalStage> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode item : items) {
            int number = stages.size() + 1;
            List<String> problems = new ArrayList<>();
            String name = JsonLists.text(item, "name", problems::add).orElse("stage " + number);
            if (name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
                problems.add("name must be 1 to 64 characters without control characters");
            } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                problems.add("name is used by another stage");
            }
            List<String> groups = new ArrayList<>();
            JsonNode groupNodes = item.get("approverGroups");
            if (groupNodes == null || !groupNodes.isArray() || groupNodes.isEmpty()) {
                problems.add("needs approverGroups: a list of one or more group paths");
            } else {
                groupNodes.forEach(g -> {
                    if (g.isTextual() && g.asText().startsWith("/")) {
                        groups.add(g.asText());
                    } else {
                        problems.add("approverGroups must be group paths such as /security, not " + g);
                    }
                });
            }
            int quorum = 1;
            JsonNode quorumNode = item.get("approvalsRequired");
            if (quorumNode != null && !quorumNode.isNull()) {
                if (!quorumNode.isInt() || quorumNode.asInt() < 1 || quorumNode.asInt() > 10) {
                    problems.add("approvalsRequired must be a whole number from 1 to 10");
                } else {
                    quorum = quorumNode.asInt();
                }
            }
            String where = "stage " + number + " (" + name + ") ";
            problems.forEach(p -> violations.add(Violation.of(field, where + p)));
            stages.add(new ApprovalStage(number, name, groups, quorum));
        }
        return stages;
    }
}
