package io.elevate.rules;

import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The example rules of docs/workflow.md, read from the page itself, so that what it shows is what a policy accepts. */
@DisplayName("The rules docs/workflow.md shows as examples")
class DocumentedRulesTest {

    private static final Path PAGE = Path.of(System.getProperty("elevate.root", "..")).toAbsolutePath().normalize()
            .resolve("docs/workflow.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(\\[\\{\"name\".*?)\\n```", Pattern.DOTALL);

    /** Every example rule array of the rules' section, in page order. */
    private static List<String> examples() throws IOException {
        String page = Files.readString(PAGE);
        int from = page.indexOf("\n## Automatic approval and deny rules");
        int to = page.indexOf("\n## ", from + 1);
        Matcher blocks = JSON_BLOCK.matcher(page.substring(from, to < 0 ? page.length() : to));
        List<String> examples = new ArrayList<>();
        while (blocks.find()) {
            examples.add(blocks.group(1));
        }
        return examples;
    }

    /** Every example rule, compiled, by name; the violations a policy's save would answer are collected. */
    private static Map<String, CompiledRule> compiled(List<Violation> violations) throws IOException {
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        for (String example : examples()) {
            RuleDefinitions.read("denyRules", example, RuleDefinitions.names(), violations)
                    .forEach(r -> rules.put(r.name(), r));
        }
        return rules;
    }

    @Test
    @DisplayName("then every one is accepted as a policy's save would accept it")
    void accepted() throws IOException {
        List<Violation> violations = new ArrayList<>();
        Map<String, CompiledRule> rules = compiled(violations);
        assertThat(violations).isEmpty();
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rules).isNotEmpty();
    }

    @Nested
    @DisplayName("given the change window (prod on Tuesday 18:00 to 22:00 in Berlin)")
    class ChangeWindow {

        @Test
        @DisplayName("then a window inside it is not denied, and one that runs past 22:00 by seconds is")
        void endsInside() throws IOException {
            CompiledRule outside = rule("prod outside the change window");
            // Tuesday 2026-12-01: 21:00 in Berlin is 20:00 UTC
            assertThat(outside.evaluate(asked("2026-12-01T20:00:00Z", 60, "prod")).matched()).isFalse();
            assertThat(outside.evaluate(asked("2026-12-01T20:00:30Z", 60, "prod")).matched())
                    .as("21:00:30 to 22:00:30").isTrue();
        }
    }

    @Nested
    @DisplayName("given business hours (dev, weekdays 9:00 to 17:00 in Berlin)")
    class BusinessHours {

        @Test
        @DisplayName("then a window inside them is approved, and one that runs past 17:00 by seconds is not")
        void endsInside() throws IOException {
            CompiledRule business = rule("business hours dev");
            // Friday 2026-12-04: 16:00 in Berlin is 15:00 UTC
            assertThat(business.evaluate(asked("2026-12-04T15:00:00Z", 60, "dev")).matched()).isTrue();
            assertThat(business.evaluate(asked("2026-12-04T15:00:30Z", 60, "dev")).matched())
                    .as("16:00:30 to 17:00:30").isFalse();
        }
    }

    private static CompiledRule rule(String name) throws IOException {
        List<Violation> violations = new ArrayList<>();
        CompiledRule rule = compiled(violations).get(name);
        assertThat(rule).as("the example '" + name + "'; " + violations).isNotNull();
        return rule;
    }

    /** A request asked now for a window from {@code start} lasting {@code minutes}, on an instance of environment. */
    private static RuleContext asked(String start, int minutes, String environment) {
        Instant at = Instant.parse(start);
        return new RuleContext("u1", "alice", "", List.of(), true, "123456789012", "Admin", "eu-west-1", "Web",
                "i-0123456789abcdef0", Map.of("Environment", environment), Duration.ofMinutes(minutes), at, at, "",
                false, 0, 0, 0, 0, "Europe/Berlin");
    }
}
