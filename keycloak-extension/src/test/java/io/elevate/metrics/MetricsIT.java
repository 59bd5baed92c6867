package io.elevate.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.Await;
import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.MetricsScrape;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elevate's meters on Keycloak's own {@code /metrics} (management port, {@code --metrics-enabled=true}), read the way
 * Prometheus reads them, before and after real sign-ins and a real request and approval.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("Metrics on the management port")
class MetricsIT {

    private static final String AWS_CLIENT = "urn:amazon:webservices";
    private static final Map<String, String> GRANTED =
            Map.of("client", AWS_CLIENT, "outcome", "granted", "reason", "open_window");
    private static final Map<String, String> NO_WINDOW =
            Map.of("client", AWS_CLIENT, "outcome", "denied", "reason", "no_open_window");

    private KeycloakServer server;
    private Elevations elevations;
    private PolicyAdmin policies;
    private AdminApi admin;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
    }

    @Test
    @DisplayName("given a granted and a denied sign-in, then each counts once under its outcome and reason, and the"
            + " gate timer counts both")
    void countsSignInsByOutcomeAndReason() {
        String allowed = elevations.newUser("metrics-in");
        String refused = elevations.newUser("metrics-out");
        elevations.grant(Elevations.window(allowed, Duration.ofHours(1)));
        MetricsScrape before = scrape();

        assertThat(AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(allowed, Elevations.PASSWORD)))
                .as("the SAML Response for the user with a window").isPresent();
        assertThat(AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(refused, Elevations.PASSWORD)))
                .as("no SAML Response for the user without one").isEmpty();
        MetricsScrape after = scrape();

        assertThat(delta(before, after, "elevate_signins_total", GRANTED)).isEqualTo(1);
        assertThat(delta(before, after, "elevate_signins_total", NO_WINDOW)).isEqualTo(1);
        assertThat(delta(before, after, "elevate_signins_total", Map.of())).isEqualTo(2);
        assertThat(delta(before, after, "elevate_gate_seconds_count", Map.of())).isGreaterThanOrEqualTo(2);
        assertThat(after.sum("elevate_gate_seconds_sum")).isGreaterThan(before.sum("elevate_gate_seconds_sum"));
        assertThat(after.has("elevate_gate_seconds_bucket")).as("a histogram, for p99 alerts").isTrue();
        assertThat(after.text()).as("no user names in labels").doesNotContain(allowed).doesNotContain(refused);
    }

    @Test
    @DisplayName("given a request approved through the API and a window granted by an admin, then each transition"
            + " counts once")
    void countsWorkflowTransitions() {
        String operators = policies.newGroup("metrics-ops");
        String approvers = policies.newGroup("metrics-appr");
        String operator = member("metrics-op", operators);
        String approver = member("metrics-ap", approvers);
        String policy = policies.create("metrics " + operators, PolicyAdmin.policy(operators, approvers));
        MetricsScrape before = scrape();

        String id = as(operator).post("requests", request(policy)).expectStatus(201).body().path("id").asText();
        as(approver).post("requests/" + id + "/approve", Map.of("comment", "ok")).expectStatus(200);
        elevations.grant(Elevations.window(elevations.newUser("metrics-grant"), Duration.ofHours(1)));
        MetricsScrape after = awaitScrape(scrape -> scrape.sum("elevate_requests_total",
                Map.of("transition", "granted")) > before.sum("elevate_requests_total", Map.of("transition", "granted")));

        assertThat(delta(before, after, "elevate_requests_total", Map.of("transition", "requested"))).isEqualTo(1);
        assertThat(delta(before, after, "elevate_requests_total", Map.of("transition", "approved"))).isEqualTo(1);
        assertThat(delta(before, after, "elevate_requests_total", Map.of("transition", "granted"))).isEqualTo(1);
        assertThat(delta(before, after, "elevate_requests_total", Map.of("transition", "rejected"))).isZero();
    }

    @Test
    @DisplayName("given a window granted now, then the database gauges (at most 15 s old) count every approved and every"
            + " open window the admin API lists, this one included, and export the outbox depth and age")
    void exportsTheDatabaseGauges() {
        String granted = elevations.grant(Elevations.window(elevations.newUser("metrics-gauge"), Duration.ofHours(1)));
        assertThat(elevations.window(granted).expectStatus(200).body().path("open").asBoolean())
                .as("the granted window is open").isTrue();

        long[][] listed = {null};
        MetricsScrape scrape = awaitScrape(now -> {
            listed[0] = approvedAndOpen();
            return now.sum("elevate_windows_open") == listed[0][1]
                    && now.sum("elevate_windows", Map.of("state", "approved")) == listed[0][0];
        });

        assertThat(listed[0][1]).as("the admin API lists the granted window as open").isPositive();
        assertThat(scrape.sum("elevate_windows_open")).as("open windows, the granted one included")
                .isEqualTo(listed[0][1]);
        assertThat(scrape.sum("elevate_windows", Map.of("state", "approved"))).isEqualTo(listed[0][0]);
        for (String state : new String[] {"requested", "approved", "rejected", "cancelled", "expired", "revoked"}) {
            assertThat(scrape.samples("elevate_windows", Map.of("state", state))).as("state " + state).hasSize(1);
        }
        assertThat(scrape.samples("elevate_revocation_outbox_depth", Map.of())).hasSize(1);
        assertThat(scrape.samples("elevate_revocation_outbox_oldest_age_seconds", Map.of())).hasSize(1);
    }

    /** The approved windows of the realm as the admin API lists them, and how many of them are open now. */
    private long[] approvedAndOpen() {
        long approved = 0;
        long open = 0;
        for (int first = 0; ; first += 500) {
            JsonNode page = admin.get(DEMO_REALM + "/elevation/windows?status=APPROVED&max=500&first=" + first)
                    .expectStatus(200).body();
            for (JsonNode window : page) {
                approved++;
                open += window.path("open").asBoolean() ? 1 : 0;
            }
            if (page.size() < 500) {
                return new long[] {approved, open};
            }
        }
    }

    private MetricsScrape scrape() {
        return MetricsScrape.of(server.managementUrl());
    }

    /**
     * The first scrape that shows what the test waits for: counters move after the commit, which the HTTP answer may
     * overtake by a moment, and the database gauges are refreshed at most every 15 s.
     */
    private MetricsScrape awaitScrape(Predicate<MetricsScrape> done) {
        MetricsScrape[] last = {null};
        return Await.until("a scrape showing the change", Duration.ofSeconds(40), () -> {
            last[0] = scrape();
            return Optional.of(last[0]).filter(done);
        }, () -> last[0] == null ? "no scrape" : last[0].text());
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private Map<String, Object> request(String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC7: metrics");
        body.put("durationMinutes", 30);
        return body;
    }

    private String member(String prefix, String group) {
        String username = elevations.newUser(prefix);
        policies.addMember(elevations.userId(username), group);
        return username;
    }

    private AdminApi as(String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }
}
