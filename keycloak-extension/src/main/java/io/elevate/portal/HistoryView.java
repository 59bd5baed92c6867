package io.elevate.portal;

import io.elevate.validation.Violation;
import io.elevate.workflow.ElevationPolicy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The history page: its filters (as given), their choices, what is wrong with them, and the records. */
public final class HistoryView {

    private final PageFrame frame;
    private final Map<String, String> filter;
    private final List<ElevationPolicy> policies;
    private final List<Violation> violations;
    private final AuditView audit;

    HistoryView(PageFrame frame, Map<String, String> filter, List<ElevationPolicy> policies,
                List<Violation> violations, AuditView audit) {
        this.frame = frame;
        this.filter = filter;
        this.policies = policies.stream().sorted(Comparator.comparing(ElevationPolicy::name)).toList();
        this.violations = violations;
        this.audit = audit;
    }

    public PageFrame getFrame() { return frame; }
    public Map<String, String> getFilter() { return filter; }
    public List<Option> getTargets() { return policies.stream().map(p -> new Option(p.id(), p.name())).toList(); }
    public List<String> getActions() { return AuditActions.ALL; }
    public List<Problem.Rule> getViolations() { return violations.stream().map(Problem.Rule::new).toList(); }
    public AuditView getAudit() { return audit; }
    public String getAction() { return frame.getPortalUrl() + "/history"; }

    /** A choice of a select. */
    public static final class Option {

        private final String value;
        private final String label;

        Option(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String getValue() { return value; }
        public String getLabel() { return label; }
    }
}
