package io.elevate.rules;

import io.elevate.validation.Violation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a policy's list of rules from its stored setting, a JSON array of {@code {"name", "expression",
 * "description"}}, and compiles each: a rule that does not parse or type-check is a violation naming it. Rule names are
 * unique within a policy (across its deny and automatic-approval rules, see {@link #read}'s {@code taken}).
 */
public final class RuleDefinitions {

    public static final int MAX_RULES = 20;
    static final int MAX_NAME = 64;
    static final int MAX_DESCRIPTION = 512;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]*");
    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("name", "expression", "description"));

    private RuleDefinitions() {
    }

    /**
     * @param taken the names of the policy's rules read so far (lower case); this list's names are added
     * @return the compiled rules when every one is valid; otherwise violations are added and the list is incomplete
     */
    public static List<CompiledRule> read(String field, String text, Set<String> taken, List<Violation> violations) {
        List<JsonNode> items = JsonLists.objects(field, text, FIELDS, violations);
        if (items.size() > MAX_RULES) {
            violations.add(Violation.of(field, "at most " + MAX_RULES + " rules, not " + items.size()));
        }
        List<CompiledRule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode item : items) {
            index++;
            String where = "rule " + index;
            List<String> problems = new ArrayList<>();
            String name = JsonLists.text(item, "name", problems::add).orElse(null);
            if (name != null) {
                where = "rule '" + name + "'";
            }
            String expression = JsonLists.text(item, "expression", problems::add).orElse(null);
            String description = JsonLists.text(item, "description", problems::add).orElse(null);
            if (name == null || name.isBlank()) {
                problems.add("needs a name");
            } else if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
                problems.add("name must be 1 to " + MAX_NAME + " letters, digits, spaces, '.', '_' or '-', "
                        + "starting with a letter or digit");
            } else if (!taken.add(name.toLowerCase(Locale.ROOT))) {
                problems.add("name is used by another rule of this policy");
            }
            if (description != null && (description.codePointCount(0, description.length()) > MAX_DESCRIPTION
                    || description.chars().anyMatch(c -> Character.isISOControl(c)))) {
                problems.add("description must be at most " + MAX_DESCRIPTION + " characters without control "
                        + "characters");
            }
            if (expression == null || expression.isBlank()) {
                problems.add("needs an expression");
            }
            if (problems.isEmpty()) {
                RuleEngine.Compilation compiled = RuleEngine.compile(new Rule(name, expression, description));
                compiled.failure().ifPresent(e -> problems.add("expression is invalid: " + e));
                if (compiled.rule() != null) {
                    rules.add(compiled.rule());
                }
            }
            String prefix = where;
            problems.forEach(p -> violations.add(Violation.of(field, prefix + " " + p)));
        }
        return rules;
    }

    /** A fresh set for {@link #read}'s {@code taken}. */
    public static Set<String> names() {
        return new HashSet<>();
    }
}
