package io.elevate.portal;

import io.elevate.validation.Violation;

import java.util.List;

/** The policy form: a new policy ({@code id} null) or a stored one, its fields, and why the last save was refused. */
public final class PolicyEdit {

    private final PageFrame frame;
    private final String id;
    private final String name;
    private final List<PolicyForm.Field> fields;
    private final List<Violation> violations;
    private final String csrf;

    PolicyEdit(PageFrame frame, String id, String name, List<PolicyForm.Field> fields, List<Violation> violations,
               String csrf) {
        this.frame = frame;
        this.id = id;
        this.name = name;
        this.fields = fields;
        this.violations = violations;
        this.csrf = csrf;
    }

    public PageFrame getFrame() { return frame; }
    public boolean isFresh() { return id == null; }
    public String getName() { return name == null ? "" : name; }
    public List<PolicyForm.Field> getFields() { return fields; }
    public List<Problem.Rule> getViolations() { return violations.stream().map(Problem.Rule::new).toList(); }
    public String getCsrf() { return csrf; }
    public String getCsrfField() { return CsrfGuard.FIELD; }
    public String getAction() { return frame.getPortalUrl() + "/policies" + (id == null ? "" : "/" + id); }
    /** Where the delete form posts; null for a new policy. */
    public String getDeleteAction() { return id == null ? null : frame.getPortalUrl() + "/policies/" + id + "/delete"; }
    public String getListUrl() { return frame.getPortalUrl() + "/policies"; }
}
