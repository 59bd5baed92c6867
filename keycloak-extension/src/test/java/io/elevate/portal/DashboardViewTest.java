package io.elevate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elevate.insight.Figures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The dashboard's links to the history")
class DashboardViewTest {

    private static final String PORTAL = "https://kc/realms/r/elevation/portal";
    private static final LocalDate FROM = LocalDate.parse("2026-11-06");
    private static final LocalDate TO = LocalDate.parse("2026-12-05");

    private static Figures figures(List<Figures.Count> perTarget, List<Figures.Count> perPerson) {
        return new Figures(Instant.parse("2026-12-05T07:00:00Z"),
                new Figures.Now(List.of(), 0, List.of(), 0, List.of(), 0, List.of(), 0),
                new Figures.Period(FROM, TO, 6, 0, List.of(new Figures.Day(TO, 6, 0)), perTarget, perPerson,
                        new Figures.Latency(0, null, List.of())));
    }

    private static DashboardView view(boolean auditor, Figures figures, Set<String> policyIds) {
        return new DashboardView(new PageFrame("Ada", "ada", PORTAL, PORTAL + "/out", "now", true, auditor, false),
                figures, FROM.toString(), TO.toString(), List.of(), policyIds);
    }

    @Nested
    @DisplayName("given the period's targets")
    class Targets {

        private final Figures figures = figures(List.of(new Figures.Count("p-web", "Web (123456789012 · Admin)", 3),
                new Figures.Count("p-gone", "123456789012 · Ops", 2), new Figures.Count(null, "123456789012 · Dev", 1)),
                List.of(new Figures.Count("grace", "Grace Hopper", 6)));

        @Test
        @DisplayName("then a policy of the realm links to its history over the period; a policy since deleted and a"
                + " window without a policy link nowhere (the history would refuse the target with a 400)")
        void onlyPoliciesOfTheRealm() {
            assertThat(view(true, figures, Set.of("p-web")).getPerTargetLinks()).isEqualTo(Arrays.asList(
                    PORTAL + "/history?target=p-web&from=2026-11-06&to=2026-12-05", null, null));
        }

        @Test
        @DisplayName("then a person and a day link to their history, the values encoded")
        void peopleAndDays() {
            Figures odd = figures(List.of(), List.of(new Figures.Count("a&b=c d", "A", 1)));
            DashboardView view = view(true, odd, Set.of());

            assertThat(view.getPerPersonLinks())
                    .containsExactly(PORTAL + "/history?person=a%26b%3Dc+d&from=2026-11-06&to=2026-12-05");
            assertThat(view.getPerDayLinks()).containsExactly(PORTAL + "/history?from=2026-12-05&to=2026-12-05");
        }

        @Test
        @DisplayName("then without the right to read the history, nothing links")
        void notAnAuditor() {
            DashboardView view = view(false, figures, Set.of("p-web"));

            assertThat(view.getPerTargetLinks()).containsOnlyNulls();
            assertThat(view.getPerPersonLinks()).containsOnlyNulls();
            assertThat(view.getPerDayLinks()).containsOnlyNulls();
        }
    }
}
