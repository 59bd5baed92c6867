package io.elevate.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM's policy evaluation logic for identity policies, written from AWS's documentation ("Policy evaluation logic",
 * "IAM JSON policy elements: Condition operators", "policy variables"), independently of the generator it checks: an
 * explicit Deny wins, then an Allow, else the request is implicitly denied. Supports what Elevate's documents use:
 * {@code Action}/{@code Resource} with {@code *} and {@code ?} wildcards (actions case-insensitively), the operators
 * {@code StringEquals}, {@code StringLike}, {@code StringNotEqualsIfExists} (an absent key: true) and {@code Null}, multi-valued condition values (any of them), condition
 * keys case-insensitive, and the variables {@code ${aws:PrincipalTag/...}} and {@code ${aws:userid}}: a variable whose
 * key is absent makes its condition false.
 */
final class PolicySimulator {

    enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /** One request: the action, the resource ARN, and the request context (condition keys and their values). */
    record Request(String action, String resource, Map<String, String> context) {
        Request {
            Map<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            keys.putAll(context);
            context = keys;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private PolicySimulator() {
    }

    static Decision evaluate(Request request, JsonNode... policies) {
        boolean allowed = false;
        for (JsonNode policy : policies) {
            if (policy == null || policy.isMissingNode() || policy.isNull()) {
                continue;
            }
            for (JsonNode statement : array(policy.path("Statement"))) {
                if (!applies(statement, request)) {
                    continue;
                }
                if ("Deny".equals(statement.path("Effect").asText())) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean applies(JsonNode statement, Request request) {
        return anyMatches(statement.path("Action"), request.action(), true, request)
                && anyMatches(statement.path("Resource"), request.resource(), false, request)
                && conditionsHold(statement.path("Condition"), request);
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase, Request request) {
        for (JsonNode pattern : array(patterns)) {
            String resolved = substitute(pattern.asText(), request);
            if (resolved != null && wildcard(resolved, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode condition, Request request) {
        Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> operator = operators.next();
            Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!holds(operator.getKey(), request.context().get(key.getKey()), array(key.getValue()), request)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, String actual, List<JsonNode> expected, Request request) {
        switch (operator) {
            case "Null" -> {
                boolean absent = actual == null;
                return expected.stream().anyMatch(e -> Boolean.parseBoolean(e.asText()) == absent);
            }
            case "Bool", "BoolIfExists" -> {
                if (actual == null) {
                    return "BoolIfExists".equals(operator);
                }
                return expected.stream().anyMatch(e -> e.asText().equalsIgnoreCase(actual));
            }
            case "ForAnyValue:StringEquals" -> {
                // one value in the request context: any of the request's values equals one of the policy's
                return actual != null && expected.stream().anyMatch(e -> e.asText().equals(actual));
            }
            case "StringNotEqualsIfExists" -> {
                // IfExists: an absent key makes the condition true; a present one must equal none of the values
                if (actual == null) {
                    return true;
                }
                return expected.stream().map(e -> substitute(e.asText(), request)).noneMatch(actual::equals);
            }
            case "StringEquals", "StringLike" -> {
                if (actual == null) {
                    return false;
                }
                for (JsonNode value : expected) {
                    String resolved = substitute(value.asText(), request);
                    if (resolved != null && ("StringEquals".equals(operator) ? resolved.equals(actual)
                            : wildcard(resolved, actual, false))) {
                        return true;
                    }
                }
                return false;
            }
            case "DateLessThan" -> {
                // an absent key makes a date condition false; dates as ISO 8601 instants
                return actual != null && expected.stream()
                        .anyMatch(e -> java.time.Instant.parse(actual).isBefore(java.time.Instant.parse(e.asText())));
            }
            default -> throw new IllegalArgumentException("the simulator does not know the operator " + operator);
        }
    }

    /** The text with its policy variables replaced, or null when one of them has no value. */
    private static String substitute(String text, Request request) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = request.context().get(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
                .matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
    }

    private static List<JsonNode> array(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
    }
}
