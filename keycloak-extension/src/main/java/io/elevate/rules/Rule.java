package io.elevate.rules;

/**
 * One automatic-approval or deny rule of a policy as an admin writes it: a name (shown in decisions and the audit), a
 * Common Expression Language condition over the {@link RuleContext} and an optional description.
 */
public record Rule(String name, String expression, String description) {
}
