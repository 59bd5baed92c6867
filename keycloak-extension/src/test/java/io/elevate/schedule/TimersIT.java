package io.elevate.schedule;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.Await;
import io.elevate.testing.Elevations;
import io.elevate.testing.MetricsScrape;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.SsmContract;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakCluster;
import io.elevate.testing.server.KeycloakCluster.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Elevate's timers on a Keycloak of their own, on a PostgreSQL the test can reach: a row that fails at every run does
 * not hold up the other rows of its realm or of another realm, and the SSM calls of break-glass OS credentials are
 * made with no database transaction open. The timer runs every 2 s; the test waits for counted runs
 * ({@code elevate_timer_runs_total}), never for a fixed time.
 */
@Tag(KeycloakCluster.TAG)
@DisplayName("Elevate's timers")
class TimersIT {

    private static final String RUNS = "elevate_timer_runs_total";
    private static final String FAILURES = "elevate_timer_failures_total";

    private static AwsContractServer aws;
    private static HeldSsm ssm;
    private static KeycloakCluster cluster;
    private static Node node;
    private static Elevations elevations;
    private static PolicyAdmin policies;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(KeycloakCluster.postgresInstalled(), "needs Debian's PostgreSQL binaries"
                + " (/usr/lib/postgresql/<version>/bin; sudo apt-get install postgresql) for a database the test reads");
        aws = AwsContractServer.start();
        ssm = new HeldSsm(SsmContract.on(aws));
        aws.serve("ssm", ssm);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("spi-elevate-aws--default--enabled", "true");
        for (String service : List.of("iam", "ec2", "config", "sns", "ssm")) {
            options.put("spi-elevate-aws--default--" + service + "-endpoint", aws.endpoint());
        }
        // long enough for a call the test holds while it looks at the database
        options.put("spi-elevate-aws--default--socket-timeout-millis", "60000");
        options.put("spi-elevate-aws--default--call-timeout-millis", "90000");
        cluster = KeycloakCluster.start("timers-it", 1, options, Map.of(
                "AWS_ACCESS_KEY_ID", AwsContractServer.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", AwsContractServer.SECRET_ACCESS_KEY));
        node = cluster.node("a");
        elevations = new Elevations(node.admin());
        policies = new PolicyAdmin(node.admin());
    }

    @AfterAll
    static void stop() {
        if (ssm != null) {
            ssm.release();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    @DisplayName("given a pending request whose expiry fails at every run, then the other requests of its realm and of"
            + " another realm expire in the same run, and it is tried again at every run")
    void aFailingRowDoesNotHoldUpTheOthers() throws Exception {
        String operators = policies.newGroup("operators");
        String approvers = policies.newGroup("approvers");
        String operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        policies.addMember(elevations.userId(elevations.newUser("appr")), approvers);
        String policy = policies.create("timers " + operators, PolicyAdmin.policy(operators, approvers));
        AdminApi api = AdminApi.elevationApiAs(node.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD);
        String failing = request(api, policy);
        String first = request(api, policy);
        String second = request(api, policy);
        String otherRealm = "timers-other-" + UUID.randomUUID().toString().substring(0, 8);
        node.admin().post("", Map.of("realm", otherRealm, "enabled", true)).expectStatus(201);
        String otherRealmId = node.admin().get(otherRealm).expectStatus(200).body().path("id").asText();
        String elsewhere = UUID.randomUUID().toString();

        try (Connection db = cluster.connect(); Statement sql = db.createStatement()) {
            // Every change of the failing request's status fails, as a broken row would; each attempt is counted by a
            // sequence, which a rollback does not undo.
            sql.execute("create sequence elevate_it_attempts");
            sql.execute("create function elevate_it_refuse() returns trigger language plpgsql as $$ begin"
                    + " perform nextval('elevate_it_attempts');"
                    + " raise exception 'TimersIT: this request cannot change'; end $$");
            sql.execute("create trigger elevate_it_refuse before update on ELEVATE_WINDOW for each row"
                    + " when (old.ID = '" + failing + "' and new.STATUS is distinct from old.STATUS)"
                    + " execute function elevate_it_refuse()");
            try {
                // a pending request of another realm: a copy of one of this realm's
                sql.execute("create temporary table elevate_it_copy as select * from ELEVATE_WINDOW where ID = '"
                        + second + "'");
                sql.execute("update elevate_it_copy set ID = '" + elsewhere + "', REALM_ID = '" + otherRealmId + "'");
                sql.execute("insert into ELEVATE_WINDOW select * from elevate_it_copy");
                assertThat(status(db, elsewhere)).isEqualTo("REQUESTED");
                double runs = metric(RUNS, Map.of());
                double failures = metric(FAILURES, Map.of("step", "expiry"));

                // All four run out of time at once.
                try (PreparedStatement expire = db.prepareStatement("update ELEVATE_WINDOW set EXPIRES_AT = ?"
                        + " where ID in (?, ?, ?, ?)")) {
                    expire.setLong(1, Instant.now().minusSeconds(1).toEpochMilli());
                    expire.setString(2, failing);
                    expire.setString(3, first);
                    expire.setString(4, second);
                    expire.setString(5, elsewhere);
                    assertThat(expire.executeUpdate()).isEqualTo(4);
                }
                awaitRuns(runs + 2); // the run under way may have begun before; the next one began after

                assertThat(status(db, first)).isEqualTo("EXPIRED");
                assertThat(status(db, second)).isEqualTo("EXPIRED");
                assertThat(status(db, elsewhere)).isEqualTo("EXPIRED");
                assertThat(status(db, failing)).isEqualTo("REQUESTED");
                long attempts = attempts(db);
                assertThat(attempts).isPositive();
                assertThat(metric(FAILURES, Map.of("step", "expiry"))).as("counted").isGreaterThan(failures);
                assertThat(actions(first)).contains("EXPIRED");

                awaitRuns(metric(RUNS, Map.of()) + 1);
                assertThat(attempts(db)).as("tried again at the next run").isGreaterThan(attempts);
                assertThat(status(db, failing)).isEqualTo("REQUESTED");
            } finally {
                sql.execute("drop trigger elevate_it_refuse on ELEVATE_WINDOW");
                sql.execute("drop function elevate_it_refuse()");
                sql.execute("drop sequence elevate_it_attempts");
            }
            awaitRuns(metric(RUNS, Map.of()) + 2);
            assertThat(status(db, failing)).as("expired once it can change").isEqualTo("EXPIRED");
        }
    }

    @Test
    @DisplayName("given a break-glass OS credential, then SendCommand is made with no database transaction open, and"
            + " another transaction can update the row the worker read")
    void ssmIsCalledWithNoTransactionOpen() throws Exception {
        String operators = policies.newGroup("operators");
        String approvers = policies.newGroup("approvers");
        String breakGlass = policies.newGroup("break-glass");
        String operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        policies.addMember(elevations.userId(operator), breakGlass);
        policies.addMember(elevations.userId(elevations.newUser("appr")), approvers);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("breakGlassGroup", List.of(breakGlass));
        config.put("osCredential", List.of("true"));
        config.put("osCredentialUser", List.of("elevate-breakglass"));
        config.put("osCredentialKmsKeyId", List.of("alias/elevate-break-glass"));
        config.put("osCredentialSeconds", List.of("60"));
        String policy = policies.create("glass " + operators, config);
        CountDownLatch held = ssm.holdNextSendCommand();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC911: the instance is unreachable through Session Manager");
        body.put("durationMinutes", 30);
        String id = AdminApi.elevationApiAs(node.baseUrl(), DEMO_REALM, operator, Elevations.PASSWORD)
                .post("break-glass", body).expectStatus(201).body().path("id").asText();

        try (Connection db = cluster.connect()) {
            assertThat(held.await(60, TimeUnit.SECONDS)).as("SendCommand arrived and is held").isTrue();
            Instant arrived = ssm.arrivedAt();
            List<String> open = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement("select pid, state, xact_start, query"
                    + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                    + " and xact_start is not null and xact_start <= ?")) {
                query.setTimestamp(1, Timestamp.from(arrived));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        open.add(rows.getInt(1) + " " + rows.getString(2) + " since " + rows.getTimestamp(3)
                                + ": " + rows.getString(4));
                    }
                }
            }
            assertThat(open).as("database transactions open since before SendCommand arrived").isEmpty();
            try (Statement sql = db.createStatement()) {
                sql.execute("set lock_timeout = '2s'");
                assertThat(sql.executeUpdate("update ELEVATE_OS_CREDENTIAL set LAST_ERROR = LAST_ERROR"
                        + " where WINDOW_ID = '" + id + "' and STATE = 'PENDING'")).isEqualTo(1);
            }
        } finally {
            ssm.release();
        }
        Await.until("the sent command recorded", Duration.ofSeconds(60),
                () -> actions(id).contains("OS_CREDENTIAL_SET") ? Optional.of(true) : Optional.empty(),
                () -> actions(id).toString());
        assertThat(actions(id)).containsSubsequence("OS_CREDENTIAL_REQUESTED", "OS_CREDENTIAL_COMMAND_SENT",
                "OS_CREDENTIAL_SET");
    }

    private static String request(AdminApi api, String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the timers must get to this one");
        body.put("durationMinutes", 30);
        return api.post("requests", body).expectStatus(201).body().path("id").asText();
    }

    private static String status(Connection db, String id) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select STATUS from ELEVATE_WINDOW where ID = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static long attempts(Connection db) throws SQLException {
        try (Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("select last_value, is_called from elevate_it_attempts")) {
            rows.next();
            return rows.getBoolean(2) ? rows.getLong(1) : 0;
        }
    }

    private static List<String> actions(String windowId) {
        List<String> actions = new ArrayList<>();
        for (JsonNode record : elevations.audit(windowId)) {
            actions.add(record.path("action").asText());
        }
        return actions;
    }

    private static double metric(String name, Map<String, String> labels) {
        return MetricsScrape.of(node.keycloak().managementUrl()).sum(name, labels);
    }

    /** Waits until the node has finished {@code runs} timer runs in all. */
    private static void awaitRuns(double runs) {
        Await.until(runs + " timer runs", Duration.ofSeconds(60),
                () -> metric(RUNS, Map.of()) >= runs ? Optional.of(true) : Optional.empty(),
                () -> metric(RUNS, Map.of()) + " runs");
    }

    /** SSM as the contract stand-in serves it, except that a SendCommand can be held until the test lets it go. */
    private static final class HeldSsm implements AwsContractServer.Handler {

        private final SsmContract ssm;
        private volatile CountDownLatch arrived;
        private volatile Instant arrivedAt;
        private final CountDownLatch released = new CountDownLatch(1);

        HeldSsm(SsmContract ssm) {
            this.ssm = ssm;
        }

        /** Holds the next SendCommand; the latch opens when it arrives. */
        CountDownLatch holdNextSendCommand() {
            arrived = new CountDownLatch(1);
            return arrived;
        }

        Instant arrivedAt() {
            return arrivedAt;
        }

        void release() {
            released.countDown();
        }

        @Override
        public AwsContractServer.Protocol protocol() {
            return ssm.protocol();
        }

        @Override
        public AwsContractServer.Reply handle(AwsContractServer.Request request) {
            CountDownLatch hold = arrived;
            if ("SendCommand".equals(request.action()) && hold != null && hold.getCount() > 0) {
                arrivedAt = Instant.now();
                hold.countDown();
                try {
                    if (!released.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test did not release SendCommand");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return ssm.handle(request);
        }
    }
}
