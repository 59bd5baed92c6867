package io.elevate.workflow;

import io.elevate.validation.Violation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A request against its policy")
class RequestRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final ElevationPolicy policy = policy("^(CHG|INC)[0-9]+$", List.of("i-0123456789abcdef0"));

    @Test
    void acceptsAWellFormedRequest() {
        assertThat(check(new RequestDraft("p", "i-0123456789abcdef0", "INC42: web tier down", "INC42", 60, null)))
                .isEmpty();
    }

    @Test
    void refusesAnInstanceOutsideThePolicy() {
        assertThat(check(new RequestDraft("p", "i-0fedcba9876543210", "why", "INC42", 60, null)))
                .containsExactly("instanceId");
        assertThat(check(new RequestDraft("p", null, "why", "INC42", 60, null))).containsExactly("instanceId");
    }

    @Test
    void refusesATicketThatDoesNotMatchThePattern() {
        assertThat(check(new RequestDraft("p", "i-0123456789abcdef0", "why", "JIRA-1", 60, null)))
                .containsExactly("ticket");
        assertThat(check(new RequestDraft("p", "i-0123456789abcdef0", "why", null, 60, null)))
                .containsExactly("ticket");
    }

    @Test
    void refusesAMissingJustificationAndATooLongDuration() {
        assertThat(check(new RequestDraft("p", "i-0123456789abcdef0", " ", "INC42", 121, null)))
                .containsExactlyInAnyOrder("justification", "durationMinutes");
    }

    @Test
    void refusesAStartInThePastOrBeyondTheScheduleAhead() {
        assertThat(check(new RequestDraft("p", "i-0123456789abcdef0", "why", "INC42", 60,
                NOW.minus(Duration.ofHours(1))))).containsExactly("startsAt");
        assertThat(check(new RequestDraft("p", "i-0123456789abcdef0", "why", "INC42", 60,
                NOW.plus(Duration.ofHours(73))))).containsExactly("startsAt");
        assertThat(check(new RequestDraft("p", "i-0123456789abcdef0", "why", "INC42", 60,
                NOW.plus(Duration.ofHours(71))))).isEmpty();
    }

    @Test
    void aPolicyThatLooksUpInstanceTagsNeedsAWellFormedInstanceButNoList() {
        var config = PolicyConfigTest.valid();
        config.put("instanceTags", List.of("ec2"));
        ElevationPolicy discovering = PolicyConfig.read("p", "Web", config).policy();

        assertThat(RequestRules.check(discovering, new RequestDraft("p", "i-0fedcba9876543210", "why", null, 30, null),
                discovering.maxDuration(), NOW)).isEmpty();
        assertThat(RequestRules.check(discovering, new RequestDraft("p", null, "why", null, 30, null),
                discovering.maxDuration(), NOW)).extracting(Violation::field).containsExactly("instanceId");
        assertThat(RequestRules.check(discovering, new RequestDraft("p", "i-nope", "why", null, 30, null),
                discovering.maxDuration(), NOW)).extracting(Violation::field).containsExactly("instanceId");
    }

    private List<String> check(RequestDraft draft) {
        return RequestRules.check(policy, draft, policy.maxDuration(), NOW).stream().map(Violation::field).toList();
    }

    private static ElevationPolicy policy(String ticket, List<String> instances) {
        var config = PolicyConfigTest.valid();
        config.put("ticketPattern", List.of(ticket));
        config.put("instanceIds", instances);
        config.put("maxDurationMinutes", List.of("120"));
        return PolicyConfig.read("p", "Web", config).policy();
    }
}
