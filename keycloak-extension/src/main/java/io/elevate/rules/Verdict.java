package io.elevate.rules;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a policy's rules say of one request: denied (by {@code rule}), approved at once (by {@code rule}), or left to
 * the approvers; with each rule's own answer, so that the decision can be explained and errors audited.
 */
public record Verdict(Kind kind, Rule rule, String reason, List<CompiledRule.Result> denyResults,
                      List<CompiledRule.Result> autoApproveResults) {

    public enum Kind { DENY, AUTO_APPROVE, MANUAL }

    public Verdict {
        denyResults = List.copyOf(denyResults);
        autoApproveResults = List.copyOf(autoApproveResults);
    }

    /** The rules that could not be evaluated (each failed closed). */
    public List<CompiledRule.Result> errors() {
        return Stream.concat(denyResults.stream(), autoApproveResults.stream())
                .filter(CompiledRule.Result::failed).toList();
    }
}
