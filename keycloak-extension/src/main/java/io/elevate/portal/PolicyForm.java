package io.elevate.portal;

import io.elevate.validation.Violation;
import io.elevate.workflow.UserText;

import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.util.JsonSerialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The policy form, built from the settings the policy component declares ({@code getConfigProperties()}, the same
 * list the admin console draws), so that a setting added to the policy appears here without a change: a text field,
 * a number, a checkbox, a choice, one value a line (lists), or {@code key=value} a line (maps, stored as the admin
 * console stores them). Reading turns the typed fields into the component's config; its validation (the component
 * factory's, as for the admin API) decides what is valid. Here only the shape is checked: a map line without
 * {@code =}, a choice that is not offered, text with control characters, a {@code config.*} field the policy does not
 * declare, a checkbox value other than the one the browser sends ({@code true}; unchecked: no field). A text setting
 * ({@code TEXT_TYPE}: JSON such as the approval stages or the CEL rules) is a multi-line text area with no length limit
 * here: the policy factory's validation, which compiles the rules, decides.
 */
final class PolicyForm {

    static final int MAX_NAME = 255;
    private static final Pattern LINES = Pattern.compile("\r?\n");

    private final List<ProviderConfigProperty> properties;

    PolicyForm(List<ProviderConfigProperty> properties) {
        this.properties = properties;
    }

    /** What was read: the name and config to save, or the violations; and the fields as typed, to show again. */
    record Read(String name, Map<String, List<String>> config, List<Violation> violations, Map<String, String> typed) {
    }

    /** The settings whose values are secret (not written to the audit trail). */
    java.util.Set<String> secrets() {
        java.util.Set<String> secrets = new java.util.HashSet<>();
        properties.stream().filter(p -> p.isSecret() || ProviderConfigProperty.PASSWORD.equals(p.getType()))
                .forEach(p -> secrets.add(p.getName()));
        return secrets;
    }

    Read read(MultivaluedMap<String, String> params) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, List<String>> config = new LinkedHashMap<>();
        String name = params.getFirst("name");
        typed.put("name", name == null ? "" : name);
        if (name == null || name.isBlank()) {
            violations.add(Violation.of("name", "is required"));
        } else {
            UserText.check("name", name, MAX_NAME, false).ifPresent(violations::add);
        }
        java.util.Set<String> declared = new java.util.HashSet<>();
        properties.forEach(p -> declared.add("config." + p.getName()));
        params.keySet().stream().filter(k -> k.startsWith("config.") && !declared.contains(k)).sorted()
                .forEach(k -> violations.add(Violation.of(k.substring("config.".length()),
                        "is not a setting of the policy")));
        for (ProviderConfigProperty p : properties) {
            String field = "config." + p.getName();
            List<String> values = params.get(field);
            if (values != null && values.size() > 1) {
                violations.add(Violation.of(p.getName(), "is given " + values.size() + " times; at most once"));
            }
            String value = params.getFirst(field);
            typed.put(p.getName(), value == null ? "" : value);
            switch (kind(p)) {
                case "checkbox" -> {
                    if (value != null && !"true".equals(value)) {
                        violations.add(Violation.of(p.getName(), "must be true (checked) or absent (unchecked)"));
                    }
                    config.put(p.getName(), List.of(String.valueOf("true".equals(value))));
                }
                case "textarea" -> {
                    if (value != null && !value.isEmpty()) {
                        UserText.check(p.getName(), value, Integer.MAX_VALUE, true).ifPresent(violations::add);
                        config.put(p.getName(), List.of(value));
                    }
                }
                case "lines" -> {
                    List<String> lines = lines(value);
                    lines.forEach(line -> UserText.check(p.getName(), line, 2048, false).ifPresent(violations::add));
                    if (!lines.isEmpty()) {
                        config.put(p.getName(), lines);
                    }
                }
                case "pairs" -> {
                    ArrayNode pairs = JsonSerialization.mapper.createArrayNode();
                    for (String line : lines(value)) {
                        int eq = line.indexOf('=');
                        if (eq <= 0) {
                            violations.add(Violation.of(p.getName(), "each line must be key=value: " + line));
                        } else {
                            pairs.addObject().put("key", line.substring(0, eq)).put("value", line.substring(eq + 1));
                        }
                    }
                    if (!pairs.isEmpty()) {
                        config.put(p.getName(), List.of(pairs.toString()));
                    }
                }
                case "select" -> {
                    if (value != null && !value.isEmpty()) {
                        if (p.getOptions() != null && !p.getOptions().contains(value)) {
                            violations.add(Violation.of(p.getName(), "must be one of " + String.join(", ", p.getOptions())));
                        } else {
                            config.put(p.getName(), List.of(value));
                        }
                    }
                }
                default -> {
                    if (value != null && !value.isEmpty()) {
                        UserText.check(p.getName(), value, 2048, false).ifPresent(violations::add);
                        config.put(p.getName(), List.of(value));
                    }
                }
            }
        }
        return new Read(name, config, violations, typed);
    }

    /**
     * The fields of the form, filled with a stored policy's config; a setting it does not store shows the default that
     * applies to it (so that saving the form unchanged keeps the policy as it is), as for a new policy.
     */
    List<Field> fields(Map<String, List<String>> config) {
        List<Field> fields = new ArrayList<>();
        for (ProviderConfigProperty p : properties) {
            List<String> values = config.getOrDefault(p.getName(), List.of());
            String value;
            if (values.isEmpty()) {
                value = p.getDefaultValue() != null ? String.valueOf(p.getDefaultValue()) : "";
            } else if ("pairs".equals(kind(p))) {
                value = pairs(values.get(0));
            } else {
                value = String.join("\n", values);
            }
            fields.add(new Field(p, kind(p), value));
        }
        return fields;
    }

    /** The fields as they were typed (a refused save shows the form again as it was). */
    List<Field> typed(Map<String, String> typed) {
        return properties.stream().map(p -> new Field(p, kind(p), "checkbox".equals(kind(p))
                ? String.valueOf("true".equals(typed.get(p.getName()))) : typed.getOrDefault(p.getName(), ""))).toList();
    }

    static String kind(ProviderConfigProperty p) {
        return switch (p.getType()) {
            case ProviderConfigProperty.BOOLEAN_TYPE -> "checkbox";
            case ProviderConfigProperty.INTEGER_TYPE -> "number";
            case ProviderConfigProperty.LIST_TYPE -> "select";
            case ProviderConfigProperty.MULTIVALUED_STRING_TYPE, ProviderConfigProperty.MULTIVALUED_LIST_TYPE -> "lines";
            case ProviderConfigProperty.MAP_TYPE -> "pairs";
            case ProviderConfigProperty.TEXT_TYPE -> "textarea";
            default -> "text";
        };
    }

    private static List<String> lines(String value) {
        if (value == null) {
            return List.of();
        }
        return LINES.splitAsStream(value).filter(line -> !line.isEmpty()).toList();
    }

    /** A stored map (JSON, as the admin console writes it) as key=value lines; as stored when it is not JSON. */
    private static String pairs(String json) {
        try {
            var node = JsonSerialization.mapper.readTree(json);
            StringBuilder text = new StringBuilder();
            if (node.isArray()) {
                node.forEach(e -> text.append(e.path("key").asText()).append('=').append(e.path("value").asText())
                        .append('\n'));
            } else if (node.isObject()) {
                node.fields().forEachRemaining(e -> text.append(e.getKey()).append('=').append(e.getValue().asText())
                        .append('\n'));
            } else {
                return json;
            }
            return text.toString().strip();
        } catch (java.io.IOException e) {
            return json;
        }
    }

    /** One field of the form, for FreeMarker. */
    public static final class Field {

        private final ProviderConfigProperty property;
        private final String kind;
        private final String value;

        Field(ProviderConfigProperty property, String kind, String value) {
            this.property = property;
            this.kind = kind;
            this.value = value;
        }

        public String getName() { return "config." + property.getName(); }
        public String getKey() { return property.getName(); }
        public String getId() { return "policy-" + property.getName(); }
        public String getLabel() { return property.getLabel() == null ? property.getName() : property.getLabel(); }
        public String getHelp() { return property.getHelpText(); }
        public boolean isRequired() { return property.isRequired(); }
        public String getKind() { return kind; }
        public String getValue() { return value; }
        public boolean isChecked() { return "true".equals(value); }
        public List<String> getOptions() { return property.getOptions() == null ? List.of() : property.getOptions(); }
    }
}
