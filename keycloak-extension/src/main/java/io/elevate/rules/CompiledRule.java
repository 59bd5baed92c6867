package io.elevate.rules;

import dev.cel.runtime.CelRuntime;

/**
 * A rule ready to evaluate. Evaluation never throws: an error (a missing map key, a bad time zone, the step limit) is
 * an {@link Result#error() error result}, which a deny rule counts as a deny and an automatic approval as no approval.
 */
public final class CompiledRule {

    private final Rule rule;
    private final CelRuntime.Program program;

    CompiledRule(Rule rule, CelRuntime.Program program) {
        this.rule = rule;
        this.program = program;
    }

    public Rule rule() {
        return rule;
    }

    public String name() {
        return rule.name();
    }

    /** The rule's answer for this context. */
    public Result evaluate(RuleContext context) {
        try {
            return new Result(rule, RuleEngine.evaluate(program, context), null);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof RuleEngine.StepLimit)) {
                cause = cause.getCause();
            }
            String message = cause instanceof RuleEngine.StepLimit ? cause.getMessage() : e.getMessage();
            return new Result(rule, false, RuleEngine.oneLine(message));
        }
    }

    /** One rule's answer: whether its condition held, or the error that kept it from answering. */
    public record Result(Rule rule, boolean matched, String error) {
        public boolean failed() {
            return error != null;
        }
    }
}
