package io.elevate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A policy's rules, compiled: deny rules, evaluated first (the first that holds, or fails to evaluate, denies), then
 * automatic-approval rules (the first that holds approves; one that fails to evaluate approves nothing). Every rule is
 * evaluated, so an explanation shows each one's answer.
 *
 * @param reviewAutoApprovals whether a window a rule approved waits for an approver's review afterwards
 * @param timeZone            the policy's time zone, which the rules read as {@code timeZone}
 */
public record RuleSet(List<CompiledRule> deny, List<CompiledRule> autoApprove, boolean reviewAutoApprovals,
                      String timeZone) {

    public static final String DEFAULT_TIME_ZONE = "UTC";
    public static final RuleSet NONE = new RuleSet(List.of(), List.of(), true);

    public RuleSet {
        deny = List.copyOf(deny);
        autoApprove = List.copyOf(autoApprove);
    }

    public RuleSet(List<CompiledRule> deny, List<CompiledRule> autoApprove, boolean reviewAutoApprovals) {
        this(deny, autoApprove, reviewAutoApprovals, DEFAULT_TIME_ZONE);
    }

    /** Why a policy's time zone setting cannot be used, or empty when the rules' functions accept it. */
    public static Optional<String> checkTimeZone(String zone) {
        return Literals.zoneProblem(zone);
    }

    public boolean isEmpty() {
        return deny.isEmpty() && autoApprove.isEmpty();
    }

    /**
     * Whether a rule may read the requester's usage ({@code usage.*}): every rule whose expression names
     * {@code usage} at all. When none does, the usage need not be read; a rule that reads it without being counted
     * here cannot exist, since CEL names a variable only by writing it.
     */
    public boolean readsUsage() {
        return Stream.concat(deny.stream(), autoApprove.stream())
                .anyMatch(r -> r.rule().expression().contains("usage"));
    }

    public Verdict evaluate(RuleContext context) {
        List<CompiledRule.Result> denyResults = new ArrayList<>();
        deny.forEach(r -> denyResults.add(r.evaluate(context)));
        List<CompiledRule.Result> autoResults = new ArrayList<>();
        autoApprove.forEach(r -> autoResults.add(r.evaluate(context)));
        for (CompiledRule.Result result : denyResults) {
            if (result.failed()) {
                return new Verdict(Verdict.Kind.DENY, result.rule(), "deny rule '" + result.rule().name()
                        + "' could not be evaluated (" + result.error() + "), so the request is denied",
                        denyResults, autoResults);
            }
            if (result.matched()) {
                return new Verdict(Verdict.Kind.DENY, result.rule(), "deny rule '" + result.rule().name() + "' holds"
                        + describe(result.rule()), denyResults, autoResults);
            }
        }
        for (CompiledRule.Result result : autoResults) {
            if (result.matched() && !result.failed()) {
                return new Verdict(Verdict.Kind.AUTO_APPROVE, result.rule(), "automatic-approval rule '"
                        + result.rule().name() + "' holds" + describe(result.rule()), denyResults, autoResults);
            }
        }
        return new Verdict(Verdict.Kind.MANUAL, null, autoApprove.isEmpty() && deny.isEmpty()
                ? "the policy has no rules" : "no deny or automatic-approval rule holds", denyResults, autoResults);
    }

    private static String describe(Rule rule) {
        return rule.description() == null || rule.description().isBlank() ? "" : ": " + rule.description();
    }
}
