package io.elevate.portal;

import io.elevate.validation.Violation;
import io.elevate.workflow.RequestDraft;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A portal form")
class FormInputTest {

    @Test
    @DisplayName("given a ticket with a line break, a padded ticket or a NUL in the target, then refused, not trimmed")
    void refusedNotTrimmed() {
        assertThat(violations(form("p|i-0123456789abcdef0", "CHG1\n", "why"))).containsExactly("ticket");
        assertThat(violations(form("p|i-0123456789abcdef0", " CHG1", "why"))).containsExactly("ticket");
        assertThat(violations(form("p\u0000|i-0123456789abcdef0", "CHG1", "why"))).containsExactly("target");
    }

    @Test
    @DisplayName("given a justification of several lines, then it is kept as typed; with an escape, it is refused")
    void justificationLines() {
        FormInput input = new FormInput(form("p|", "CHG1", "line one\r\nline two"));
        RequestDraft draft = input.draft();

        assertThat(input.violations()).isEmpty();
        assertThat(draft.justification()).isEqualTo("line one\r\nline two");
        assertThat(violations(form("p|", "CHG1", "\u001b[32mAll checks passed"))).containsExactly("justification");
    }

    @Test
    @DisplayName("given a justification over 1024 characters, then refused, counting code points")
    void lengthInCodePoints() {
        assertThat(violations(form("p|", "CHG1", "🚀".repeat(1024)))).isEmpty();
        assertThat(violations(form("p|", "CHG1", "🚀".repeat(1025)))).containsExactly("justification");
    }

    @Test
    @DisplayName("given a start as the browser sends it, then read in UTC; with a space for the T, then refused")
    void startAsTyped() {
        MultivaluedHashMap<String, String> browser = form("p|", "CHG1", "why");
        browser.add("startsAt", "2026-11-21T09:00");
        FormInput input = new FormInput(browser);

        assertThat(input.draft().startsAt()).hasToString("2026-11-21T09:00:00Z");
        MultivaluedHashMap<String, String> spaced = form("p|", "CHG1", "why");
        spaced.add("startsAt", "2026-11-21 09:00");
        assertThat(violations(spaced)).containsExactly("startsAt");
    }

    private static java.util.List<String> violations(MultivaluedHashMap<String, String> params) {
        FormInput input = new FormInput(params);
        input.draft();
        return input.violations().stream().map(Violation::field).toList();
    }

    private static MultivaluedHashMap<String, String> form(String target, String ticket, String justification) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("target", target);
        params.add("ticket", ticket);
        params.add("justification", justification);
        params.add("durationMinutes", "60");
        return params;
    }
}
