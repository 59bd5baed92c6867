package io.elevate.rules;

import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A policy's rules")
class RuleSetTest {

    /** Friday 2026-12-04 10:00 in Berlin (09:00 UTC). */
    static final Instant FRIDAY_MORNING = Instant.parse("2026-12-04T09:00:00Z");

    static RuleContext context(List<String> groups, boolean secondFactor, Map<String, String> tags, Duration duration,
                               Instant now, double hours) {
        return new RuleContext("u1", "alice", "alice@example.org", groups, secondFactor, "123456789012", "Admin",
                "eu-west-1", "Web", "i-0123456789abcdef0", tags, duration, now, now, "CHG42", false, hours, 1.5, 2.0, 2,
                "Europe/Berlin");
    }

    static RuleContext context() {
        return context(List.of("/operators", "/oncall"), true, Map.of("Environment", "dev"), Duration.ofMinutes(20),
                FRIDAY_MORNING, 3.5);
    }

    static List<CompiledRule> rules(String json, List<Violation> violations) {
        return RuleDefinitions.read("rules", json, RuleDefinitions.names(), violations);
    }

    static CompiledRule rule(String expression) {
        List<Violation> violations = new ArrayList<>();
        List<CompiledRule> rules = rules("[{\"name\": \"r\", \"expression\": " + quote(expression) + "}]", violations);
        assertThat(violations).isEmpty();
        return rules.get(0);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Nested
    @DisplayName("given expressions over the documented context")
    class Context {

        @Test
        @DisplayName("then each variable holds the request's value")
        void variables() {
            RuleContext c = context();
            assertThat(rule("requester.username == 'alice' && requester.email.endsWith('@example.org')"
                    + " && requester.id == 'u1' && requester.hasSecondFactor").evaluate(c).matched()).isTrue();
            assertThat(rule("'/oncall' in requester.groups && requester.groups.exists(g, g.startsWith('/op'))")
                    .evaluate(c).matched()).isTrue();
            assertThat(rule("target.account == '123456789012' && target.role == 'Admin' && target.region == "
                    + "'eu-west-1' && target.policy == 'Web'").evaluate(c).matched()).isTrue();
            assertThat(rule("instance.id.startsWith('i-') && instance.tags['Environment'] == 'dev'").evaluate(c)
                    .matched()).isTrue();
            assertThat(rule("request.duration <= duration('30m') && request.durationSeconds == 1200"
                    + " && request.ticket.matches('^CHG[0-9]+$') && !request.breakGlass && request.start == now")
                    .evaluate(c).matched()).isTrue();
            assertThat(rule("usage.hoursLast7Days + double(request.durationSeconds) / 3600.0 < 4.0"
                    + " && usage.hoursAhead == 1.5 && usage.hoursPending == 2.0 && usage.requestsLast24Hours == 2")
                    .evaluate(c).matched()).isTrue();
        }

        @Test
        @DisplayName("then business hours are read in a named time zone")
        void businessHours() {
            CompiledRule businessHours = rule("request.start.getDayOfWeek('Europe/Berlin') in [1, 2, 3, 4, 5]"
                    + " && request.start.getHours('Europe/Berlin') >= 9 && request.end.getDayOfWeek('Europe/Berlin')"
                    + " == request.start.getDayOfWeek('Europe/Berlin') && request.end.getHours('Europe/Berlin') * 60"
                    + " + request.end.getMinutes('Europe/Berlin') <= 17 * 60");
            assertThat(businessHours.evaluate(context()).matched()).isTrue();
            RuleContext evening = context(List.of(), true, Map.of(), Duration.ofMinutes(20),
                    Instant.parse("2026-12-04T17:30:00Z"), 0);
            assertThat(businessHours.evaluate(evening).matched()).isFalse();
            RuleContext saturday = context(List.of(), true, Map.of(), Duration.ofMinutes(20),
                    Instant.parse("2026-12-05T09:00:00Z"), 0);
            assertThat(businessHours.evaluate(saturday).matched()).isFalse();
            RuleContext pastFive = context(List.of(), true, Map.of(), Duration.ofMinutes(20),
                    Instant.parse("2026-12-04T15:50:00Z"), 0);
            assertThat(businessHours.evaluate(pastFive).matched()).as("16:50 to 17:10 in Berlin").isFalse();
            assertThat(rule("request.start.getHours(timeZone) == 10 && timeZone == 'Europe/Berlin'")
                    .evaluate(context()).matched()).as("the policy's zone").isTrue();
        }
    }

    @Nested
    @DisplayName("given a change window of Tuesday 18:00 to 22:00 in Berlin, on the window's start and end")
    class ChangeWindow {

        private final CompiledRule outside = rule("instance.tags['Environment'] == 'prod'"
                + " && !(request.start.getDayOfWeek('Europe/Berlin') == 2 && request.start.getHours('Europe/Berlin') >= 18"
                + " && request.end.getDayOfWeek('Europe/Berlin') == 2"
                + " && request.end.getHours('Europe/Berlin') * 60 + request.end.getMinutes('Europe/Berlin') <= 22 * 60)");

        /** A request asked at {@code now} for a window from {@code start} lasting {@code minutes}. */
        private RuleContext asked(String now, String start, int minutes) {
            Instant at = Instant.parse(now);
            return new RuleContext("u1", "alice", "", List.of(), true, "123456789012", "Admin", "eu-west-1", "Web",
                    "i-0123456789abcdef0", Map.of("Environment", "prod"), Duration.ofMinutes(minutes),
                    Instant.parse(start), at, "", false, 0, 0, 0, 0, "Europe/Berlin");
        }

        @Test
        @DisplayName("then a window inside it is not denied; one that starts later, or runs past its end, is, "
                + "even when asked inside it")
        void onTheWindowNotOnNow() {
            // Tuesday 2026-12-01: 19:00 in Berlin is 18:00 UTC
            assertThat(outside.evaluate(asked("2026-12-01T18:00:00Z", "2026-12-01T18:00:00Z", 180)).matched())
                    .isFalse();
            assertThat(outside.evaluate(asked("2026-12-01T18:00:00Z", "2026-12-05T18:00:00Z", 60)).matched())
                    .as("asked inside, scheduled on Saturday").isTrue();
            assertThat(outside.evaluate(asked("2026-12-01T18:00:00Z", "2026-12-01T18:00:00Z", 181)).matched())
                    .as("runs one minute past 22:00").isTrue();
            assertThat(rule("request.end == request.start + request.duration").evaluate(context()).matched()).isTrue();
        }
    }

    @Nested
    @DisplayName("given rules that do not compile")
    class Compilation {

        @Test
        @DisplayName("then a syntax error, a type error, an unknown variable and a non-boolean each name the rule")
        void errorsNameTheRule() {
            List<Violation> violations = new ArrayList<>();
            rules("[{\"name\": \"syntax\", \"expression\": \"1 +\"},"
                    + "{\"name\": \"types\", \"expression\": \"request.durationSeconds > 1.5\"},"
                    + "{\"name\": \"unknown\", \"expression\": \"requester.shoeSize > 40\"},"
                    + "{\"name\": \"number\", \"expression\": \"request.durationSeconds\"}]", violations);
            assertThat(violations).extracting(Violation::message).satisfiesExactly(
                    m -> assertThat(m).startsWith("rule 'syntax' expression is invalid:"),
                    m -> assertThat(m).startsWith("rule 'types' expression is invalid:").contains("no matching overload"),
                    m -> assertThat(m).startsWith("rule 'unknown' expression is invalid:").contains("undeclared"),
                    m -> assertThat(m).startsWith("rule 'number' expression is invalid:").contains("bool"));
        }

        @Test
        @DisplayName("then a misspelt time zone or a broken pattern written in the expression names the rule and the "
                + "literal; known zones, offsets and good patterns pass")
        void literals() {
            List<Violation> violations = new ArrayList<>();
            rules("[{\"name\": \"zone\", \"expression\": \"now.getHours('Europ/Berlin') > 8\"},"
                    + "{\"name\": \"pattern\", \"expression\": \"request.ticket.matches('CHG[0-9')\"},"
                    + "{\"name\": \"fine\", \"expression\": \"now.getHours('Europe/Berlin') > 8"
                    + " && now.getDayOfWeek('+01:00') < 6 && now.getMinutes('UTC') >= 0"
                    + " && request.ticket.matches('^CHG[0-9]+$')\"}]", violations);
            assertThat(violations).extracting(Violation::message).satisfiesExactly(
                    m -> assertThat(m).startsWith("rule 'zone' expression is invalid: time zone 'Europ/Berlin'"),
                    m -> assertThat(m).startsWith("rule 'pattern' expression is invalid: pattern 'CHG[0-9'"));
        }

        @Test
        @DisplayName("then a duration or a timestamp written in the expression that cannot be read names the rule; "
                + "well-formed ones pass")
        void durationAndTimestampLiterals() {
            List<Violation> violations = new ArrayList<>();
            rules("[{\"name\": \"minutes\", \"expression\": \"request.duration <= duration('30 minutes')\"},"
                    + "{\"name\": \"month\", \"expression\": \"request.start < timestamp('2026-13-01T00:00:00Z')\"},"
                    + "{\"name\": \"fine\", \"expression\": \"request.duration <= duration('1h30m')"
                    + " && request.start < timestamp('2027-01-01T00:00:00Z')\"}]", violations);
            assertThat(violations).extracting(Violation::message).satisfiesExactly(
                    m -> assertThat(m).startsWith("rule 'minutes' expression is invalid:").contains("duration"),
                    m -> assertThat(m).startsWith("rule 'month' expression is invalid:").contains("timestamp"));
        }

        @Test
        @DisplayName("then bad JSON, unknown fields, missing and duplicate names are refused, each listed")
        void strictDefinitions() {
            List<Violation> violations = new ArrayList<>();
            rules("{\"name\": \"x\"}", violations);
            rules("[{\"name\": \"a\", \"expression\": \"true\", \"when\": 1}]", violations);
            rules("[{\"expression\": \"true\"}, {\"name\": \"b\", \"expression\": \"true\"},"
                    + " {\"name\": \"B\", \"expression\": \"true\"}]", violations);
            rules("[{\"name\": \"a\", \"name\": \"b\", \"expression\": \"true\"}]", violations);
            assertThat(violations).extracting(Violation::message).satisfiesExactly(
                    m -> assertThat(m).isEqualTo("must be a JSON array of objects"),
                    m -> assertThat(m).contains("unknown field 'when'"),
                    m -> assertThat(m).isEqualTo("rule 1 needs a name"),
                    m -> assertThat(m).isEqualTo("rule 'B' name is used by another rule of this policy"),
                    m -> assertThat(m).startsWith("is not valid JSON").contains("Duplicate field"));
        }
    }

    @Nested
    @DisplayName("given rules that read the requester's usage, or none that does")
    class ReadingUsage {

        @Test
        @DisplayName("then the usage is read exactly when a deny or automatic rule names it (else a rule's read fails closed)")
        void onlyWhenNamed() {
            assertThat(new RuleSet(List.of(rule("request.duration <= duration('1h')")), List.of(
                    rule("'/oncall' in requester.groups")), true).readsUsage()).isFalse();
            assertThat(new RuleSet(List.of(rule("usage.hoursLast7Days + usage.hoursAhead > 20.0")), List.of(), true)
                    .readsUsage()).isTrue();
            assertThat(new RuleSet(List.of(), List.of(rule("usage.requestsLast24Hours < 3")), true).readsUsage())
                    .isTrue();
            assertThat(RuleSet.NONE.readsUsage()).isFalse();
        }
    }

    @Nested
    @DisplayName("given a request")
    class Evaluation {

        @Test
        @DisplayName("then deny rules come first, then the first automatic approval that holds, else the approvers")
        void order() {
            List<Violation> v = new ArrayList<>();
            RuleSet rules = new RuleSet(rules("[{\"name\": \"no second factor\", \"expression\": "
                    + "\"!requester.hasSecondFactor\", \"description\": \"set up OTP first\"}]", v),
                    RuleDefinitions.read("auto", "[{\"name\": \"short on-call\", \"expression\": "
                            + "\"'/oncall' in requester.groups && request.duration <= duration('30m')\"}]",
                            RuleDefinitions.names(), v), true);
            assertThat(v).isEmpty();

            Verdict auto = rules.evaluate(context());
            assertThat(auto.kind()).isEqualTo(Verdict.Kind.AUTO_APPROVE);
            assertThat(auto.rule().name()).isEqualTo("short on-call");

            Verdict denied = rules.evaluate(context(List.of("/oncall"), false, Map.of(), Duration.ofMinutes(10),
                    FRIDAY_MORNING, 0));
            assertThat(denied.kind()).isEqualTo(Verdict.Kind.DENY);
            assertThat(denied.reason()).isEqualTo("deny rule 'no second factor' holds: set up OTP first");

            Verdict manual = rules.evaluate(context(List.of("/oncall"), true, Map.of(), Duration.ofMinutes(45),
                    FRIDAY_MORNING, 0));
            assertThat(manual.kind()).isEqualTo(Verdict.Kind.MANUAL);
            assertThat(manual.autoApproveResults()).extracting(CompiledRule.Result::matched).containsExactly(false);
        }

        @Test
        @DisplayName("then a deny rule that fails to evaluate denies, and an automatic approval that fails approves "
                + "nothing (fail closed), each error reported")
        void failsClosed() {
            List<Violation> v = new ArrayList<>();
            CompiledRule missingTag = rule("instance.tags['Owner'] == 'me'");
            RuleSet denying = new RuleSet(List.of(missingTag), List.of(), true);
            Verdict denied = denying.evaluate(context());
            assertThat(denied.kind()).isEqualTo(Verdict.Kind.DENY);
            assertThat(denied.reason()).contains("could not be evaluated");
            assertThat(denied.errors()).hasSize(1);

            RuleSet approving = new RuleSet(List.of(), List.of(missingTag, rule("now.getHours(request.ticket) > 1")),
                    true);
            Verdict manual = approving.evaluate(context());
            assertThat(manual.kind()).isEqualTo(Verdict.Kind.MANUAL);
            assertThat(manual.errors()).hasSize(2);
            assertThat(v).isEmpty();
        }

        @Test
        @DisplayName("then, when the usage could not be read in full, a deny rule reading it denies and an automatic "
                + "approval reading it approves nothing; a rule not reading it answers as always")
        void unknownUsageFailsClosed() {
            RuleContext unknown = new RuleContext("u1", "alice", "", List.of("/oncall"), true, "123456789012", "Admin",
                    "eu-west-1", "Web", "i-0123456789abcdef0", Map.of(), Duration.ofMinutes(20), FRIDAY_MORNING,
                    FRIDAY_MORNING, "", false, 0, 0, 0, 0, "UTC", false);
            Verdict denied = new RuleSet(List.of(rule("usage.hoursLast7Days + usage.hoursAhead + usage.hoursPending"
                    + " + double(request.durationSeconds) / 3600.0 > 20.0")), List.of(), true).evaluate(unknown);
            assertThat(denied.kind()).isEqualTo(Verdict.Kind.DENY);
            assertThat(denied.reason()).contains("could not be evaluated");
            Verdict manual = new RuleSet(List.of(), List.of(rule("usage.requestsLast24Hours < 5")), true)
                    .evaluate(unknown);
            assertThat(manual.kind()).isEqualTo(Verdict.Kind.MANUAL);
            assertThat(manual.errors()).hasSize(1);
            Verdict onCall = new RuleSet(List.of(rule("!requester.hasSecondFactor")),
                    List.of(rule("'/oncall' in requester.groups")), true).evaluate(unknown);
            assertThat(onCall.kind()).isEqualTo(Verdict.Kind.AUTO_APPROVE);
            assertThat(onCall.errors()).isEmpty();
        }

        @Test
        @DisplayName("then an evaluation is bounded: a macro over too many elements is an error, not a hang")
        void bounded() {
            CompiledRule big = rule("[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, "
                    + "[1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, a + b + c + d > 0))))");
            CompiledRule.Result result = big.evaluate(context());
            assertThat(result.failed()).isTrue();
            assertThat(result.matched()).isFalse();
        }
    }
}
