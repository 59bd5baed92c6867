package io.elevate.portal;

import io.elevate.validation.Violation;
import io.elevate.workflow.Outcome;

import java.util.List;
import java.util.Set;

/**
 * Why the last change was refused, as the page shows it: the workflow's sentence, or, for broken rules, each rule with
 * the label of its field (message {@code elevatePortalField_<field>}). Getters for FreeMarker.
 */
public final class Problem {

    private static final Set<String> LABELLED = Set.of("policy", "target", "instanceId", "justification", "ticket",
            "durationMinutes", "startsAt", "comment", "reason", "minutes");

    private final Outcome.Refused refused;
    private final String requestId;

    Problem(Outcome.Refused refused, String requestId) {
        this.refused = refused;
        this.requestId = requestId;
    }

    /** Broken rules (then {@link #getRules()} lists them) rather than a refusal with a sentence. */
    public boolean isInvalid() { return !refused.violations().isEmpty(); }
    public String getMessage() { return refused.message(); }
    public String getRequestId() { return requestId; }
    public List<Rule> getRules() { return refused.violations().stream().map(Rule::new).toList(); }

    /** One broken rule. */
    public static final class Rule {

        private final Violation violation;

        Rule(Violation violation) {
            this.violation = violation;
        }

        /** The message key of the field's label, or null when the field has none (then {@link #getField()}). */
        public String getLabelKey() {
            return LABELLED.contains(violation.field()) ? "elevatePortalField_" + violation.field() : null;
        }

        public String getField() { return violation.field(); }
        public String getMessage() { return violation.message(); }
    }
}
