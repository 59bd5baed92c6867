package io.elevate.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.AtOnce;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model-based race test of the transition core against the real server: rounds of random workflow steps (approve,
 * reject, cancel, revoke, extend, break-glass, review; by approvers, by the requester, by an approver who is the
 * requester; approve also as a press of Approve in Slack) sent at the same moment, under policies with quorums of 1,
 * 2 and 3. After every batch the server's state,
 * its audit trail and every approver's queue are checked against what the server acknowledged. The seed is printed
 * with every failure ({@code -Delevate.race.seed=...} replays a run; {@code -Delevate.race.rounds=...} sets the count).
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The workflow under concurrent random steps")
class WorkflowRaceIT {

    private static final int ROUNDS = Integer.getInteger("elevate.race.rounds", 200);
    private static final int BATCHES = 2;
    private static final Set<Integer> EXPECTED = Set.of(200, 201, 400, 403, 404, 409);

    private enum Step { APPROVE, REJECT, CANCEL, REVOKE, EXTEND, REVIEW, SLACK_APPROVE }

    private static final Step[] WEIGHTED = {
            Step.APPROVE, Step.APPROVE, Step.APPROVE, Step.APPROVE, Step.APPROVE, Step.APPROVE, Step.APPROVE,
            Step.REJECT, Step.CANCEL, Step.REVOKE, Step.REVOKE, Step.EXTEND, Step.EXTEND, Step.EXTEND,
            Step.REVIEW, Step.REVIEW, Step.SLACK_APPROVE, Step.SLACK_APPROVE};

    /** What was sent and what the server answered. */
    private record Sent(Step step, String user, int status) {
    }

    private AdminApi admin;
    private KeycloakServer server;
    private final Map<String, AdminApi> clients = new ConcurrentHashMap<>();
    private final Map<Integer, String> policies = new HashMap<>();
    private List<String> requesters;
    private List<String> approvers;

    private RaceSlack slack;

    @AfterEach
    void tearDown() {
        if (slack != null) {
            slack.close();
        }
    }

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        Elevations elevations = new Elevations(admin);
        PolicyAdmin policyAdmin = new PolicyAdmin(admin);
        String operators = policyAdmin.newGroup("race-ops");
        String approverGroup = policyAdmin.newGroup("race-appr");
        String subgroup = policyAdmin.newSubGroup(approverGroup, "oncall");
        String bothRoles = elevations.newUser("race-req-appr");
        String requester = elevations.newUser("race-req");
        policyAdmin.addMember(elevations.userId(bothRoles), operators);
        policyAdmin.addMember(elevations.userId(bothRoles), approverGroup);
        policyAdmin.addMember(elevations.userId(requester), operators);
        List<String> deciders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String approver = elevations.newUser("race-appr" + i);
            // the third approver is a member of a subgroup only: subgroups count like their parent
            policyAdmin.addMember(elevations.userId(approver), i == 2 ? subgroup : approverGroup);
            deciders.add(approver);
        }
        requesters = List.of(bothRoles, requester);
        approvers = new ArrayList<>(deciders);
        approvers.add(bothRoles);
        slack = RaceSlack.enable(server, admin, List.of(bothRoles, requester, deciders.get(0), deciders.get(1),
                deciders.get(2)));
        for (int quorum = 1; quorum <= 3; quorum++) {
            Map<String, List<String>> config = PolicyAdmin.policy(operators, approverGroup);
            config.put("approvalsRequired", List.of(String.valueOf(quorum)));
            config.put("breakGlassGroup", List.of(operators));
            config.put("maxPendingRequests", List.of("100"));
            config.put("maxBreakGlassPerDay", List.of("100"));
            policies.put(quorum, policyAdmin.create("race quorum " + quorum + " " + operators, config));
        }
    }

    @Test
    void randomConcurrentStepsKeepEveryInvariant() throws Exception {
        long seed = Long.getLong("elevate.race.seed", System.nanoTime());
        Random random = new Random(seed);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                playRound(random, pool, "seed " + seed + ", round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        if (ROUNDS >= 20) {
            assertThat(slack.acknowledged()).as("seed " + seed + ": Slack approvals took part in the race (some "
                    + "were acknowledged), rather than all being refused before the workflow").isPositive();
        }
    }

    /**
     * Slack approvals racing the timer's expiry: the server's clock is moved to just before a request expires (its
     * policy keeps requests pending one minute) while approvers, and sometimes the requester, press Approve in Slack
     * at once; the timer runs every 2 s. Whichever comes first wins and the other changes nothing: the request ends
     * approved, with exactly its quorum of acknowledged approvals and no expiry, or expired, below its quorum, every
     * acknowledged approval recorded once.
     */
    @Test
    void slackApprovalsRacingTheExpiryKeepEveryInvariant() throws Exception {
        PolicyAdmin policyAdmin = new PolicyAdmin(admin);
        Map<Integer, String> expiring = new HashMap<>();
        String operators = policyAdmin.newGroup("race-expiry-ops");
        Elevations elevations = new Elevations(admin);
        requesters.forEach(u -> policyAdmin.addMember(elevations.userId(u), operators));
        String approverGroup = policyAdmin.newGroup("race-expiry-appr");
        approvers.forEach(u -> policyAdmin.addMember(elevations.userId(u), approverGroup));
        for (int quorum = 1; quorum <= 2; quorum++) {
            Map<String, List<String>> config = PolicyAdmin.policy(operators, approverGroup);
            config.put("approvalsRequired", List.of(String.valueOf(quorum)));
            config.put("pendingExpiryMinutes", List.of("1"));
            config.put("maxPendingRequests", List.of("100"));
            expiring.put(quorum, policyAdmin.create("race expiry " + quorum + " " + operators, config));
        }
        long seed = Long.getLong("elevate.race.seed", System.nanoTime());
        Random random = new Random(seed);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < Math.max(2, ROUNDS / 20); round++) {
                playExpiryRound(random, pool, expiring, "seed " + seed + ", expiry round " + round);
            }
        } finally {
            pool.shutdownNow();
            slack.clockAhead(java.time.Duration.ZERO);
        }
    }

    private void playExpiryRound(Random random, ExecutorService pool, Map<Integer, String> expiring, String where)
            throws Exception {
        int quorum = 1 + random.nextInt(2);
        String requester = requesters.get(random.nextInt(requesters.size()));
        // fresh sign-ins: a token taken earlier may have expired by the moved clock
        AdminApi asRequester = AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, requester, Elevations.PASSWORD);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", expiring.get(quorum));
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42 expiry race " + where);
        body.put("durationMinutes", 30);
        JsonNode created = asRequester.post("requests", body).expectStatus(201).body();
        String id = created.path("id").asText();
        java.time.Instant expiresAt = java.time.Instant.parse(created.path("expiresAt").asText());
        // the server's clock lands 0 to 2 s before the expiry: the timer (every 2 s) expires it about when they press
        java.time.Duration ahead = java.time.Duration.ofSeconds(java.time.Duration.between(java.time.Instant.now(),
                expiresAt).toSeconds() - random.nextInt(3));
        List<Sent> steps = new ArrayList<>();
        for (int i = 2 + random.nextInt(3); i > 0; i--) {
            steps.add(new Sent(Step.SLACK_APPROVE, random.nextInt(6) == 0 ? requester
                    : approvers.get(random.nextInt(approvers.size())), 0));
        }
        List<Sent> history;
        JsonNode request;
        slack.clockAhead(ahead);
        try (var later = server.time().ahead(ahead)) {
            history = race(pool, id, steps);
            request = io.elevate.testing.Await.until(where + ": request " + id + " approved or expired",
                    java.time.Duration.ofSeconds(30), () -> java.util.Optional.of(asRequester.get("requests/" + id)
                            .expectStatus(200).body()).filter(r -> !r.path("status").asText().equals("REQUESTED")),
                    () -> "still REQUESTED");
        } finally {
            slack.clockAhead(java.time.Duration.ZERO);
        }
        String at = where + ", request " + id + " of " + requester + " with quorum " + quorum + ", sent " + history;
        history.forEach(s -> assertThat(EXPECTED).as(at + ": every answer is a decision or a clear refusal")
                .contains(s.status()));
        assertThat(history).as(at + ": the requester never approves their own request")
                .noneMatch(s -> s.user().equals(requester) && s.status() == 200);
        String status = request.path("status").asText();
        List<JsonNode> approvals = StreamSupport.stream(request.path("approvals").spliterator(), false).toList();
        assertThat(approvals.size()).as(at + ": every acknowledged approval is recorded, once (" + request + ")")
                .isEqualTo(count(history, Step.APPROVE));
        Map<String, Long> trail = new HashMap<>();
        admin.get(DEMO_REALM + "/elevation/audit?window=" + id + "&max=500").expectStatus(200).body()
                .forEach(r -> trail.merge(r.path("action").asText(), 1L, Long::sum));
        assertThat(status).as(at).isIn("APPROVED", "EXPIRED");
        if (status.equals("APPROVED")) {
            assertThat(approvals).as(at + ": approved by exactly its quorum").hasSize(quorum);
            assertThat(trail.getOrDefault("EXPIRED", 0L)).as(at + ": an approved request never expires (" + trail
                    + ")").isZero();
        } else {
            assertThat(approvals.size()).as(at + ": an expired request stayed below its quorum").isLessThan(quorum);
            assertThat(trail.getOrDefault("APPROVED", 0L)).as(at + ": an expired request was never approved ("
                    + trail + ")").isZero();
            assertThat(trail.getOrDefault("EXPIRED", 0L)).as(at + ": expired once (" + trail + ")").isEqualTo(1);
        }
    }

    private void playRound(Random random, ExecutorService pool, String where) throws Exception {
        int quorum = 1 + random.nextInt(3);
        String requester = requesters.get(random.nextInt(requesters.size()));
        boolean breakGlass = random.nextInt(4) == 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policies.get(quorum));
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42 race " + where);
        body.put("durationMinutes", 30);
        JsonNode created = as(requester).post(breakGlass ? "break-glass" : "requests", body).expectStatus(201).body();
        String id = created.path("id").asText();
        List<Sent> history = new ArrayList<>();
        int extensions = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            List<Sent> sent = race(pool, id, randomSteps(random, requester));
            history.addAll(sent);
            extensions += (int) sent.stream().filter(s -> s.step() == Step.EXTEND && s.status() == 200).count();
            check(where + ", batch " + batch + ", " + (breakGlass ? "break-glass" : "request") + " " + id
                    + " of " + requester + " with quorum " + quorum + ", sent " + history, id, requester, quorum,
                    breakGlass, extensions, history);
        }
    }

    private List<Sent> randomSteps(Random random, String requester) {
        int count = 3 + random.nextInt(5);
        List<Sent> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Step step = WEIGHTED[random.nextInt(WEIGHTED.length)];
            String user = switch (step) {
                // the requester tries too: they must never count
                case APPROVE, REJECT, REVOKE, REVIEW, SLACK_APPROVE -> random.nextInt(6) == 0 ? requester
                        : approvers.get(random.nextInt(approvers.size()));
                case CANCEL, EXTEND -> requester;
            };
            steps.add(new Sent(step, user, 0));
        }
        return steps;
    }

    /** Sends every step at the same moment and returns them with the server's answers. */
    private List<Sent> race(ExecutorService pool, String id, List<Sent> steps) throws Exception {
        return AtOnce.call(pool, steps.stream().<Callable<Sent>>map(step -> {
            AdminApi client = as(step.user());
            if (step.step() == Step.SLACK_APPROVE) {
                // a press of Approve in Slack is an approval like the API's: checked as one, by what it decided
                return () -> new Sent(Step.APPROVE, step.user(), slack.approve(step.user(), id));
            }
            return () -> new Sent(step.step(), step.user(), send(client, id, step.step()).status());
        }).toList());
    }

    private static JsonResponse send(AdminApi client, String id, Step step) {
        String path = "requests/" + id + "/" + step.name().toLowerCase(java.util.Locale.ROOT);
        return switch (step) {
            case APPROVE -> client.post(path, Map.of("comment", "fine"));
            case REJECT -> client.post(path, Map.of("comment", "not now"));
            case CANCEL -> client.post(path, Map.of("reason", "done already"));
            case REVOKE -> client.post(path, Map.of("reason", "race over"));
            case EXTEND -> client.post(path, Map.of("minutes", 10, "justification", "a little longer"));
            case REVIEW -> client.post(path, Map.of("comment", "looked at it"));
            case SLACK_APPROVE -> throw new IllegalArgumentException("sent through Slack");
        };
    }

    private void check(String where, String id, String requester, int quorum, boolean breakGlass, int extensions,
                       List<Sent> history) {
        history.forEach(s -> assertThat(EXPECTED).as(where + ": every answer is a decision or a clear refusal")
                .contains(s.status()));
        assertThat(history).as(where + ": the requester never decides their own request")
                .noneMatch(s -> s.user().equals(requester) && s.status() == 200
                        && (s.step() == Step.APPROVE || s.step() == Step.REJECT || s.step() == Step.REVIEW));

        JsonNode request = as(requester).get("requests/" + id).expectStatus(200).body();
        String status = request.path("status").asText();
        List<JsonNode> approvals = StreamSupport.stream(request.path("approvals").spliterator(), false).toList();
        assertThat(approvals.size()).as(where + ": every acknowledged approval is recorded, once (server: "
                + request + ")").isEqualTo(count(history, Step.APPROVE));
        assertThat(approvals).as(where + ": no approval by the requester")
                .noneMatch(a -> a.path("approver").asText().equals(requester));
        Map<Integer, Long> perRound = new HashMap<>();
        approvals.forEach(a -> perRound.merge(a.path("round").asInt(), 1L, Long::sum));
        perRound.values().forEach(n -> assertThat(n).as(where + ": a round never takes more votes than its quorum")
                .isLessThanOrEqualTo(quorum));

        Map<String, Long> trail = new HashMap<>();
        admin.get(DEMO_REALM + "/elevation/audit?window=" + id + "&max=500").expectStatus(200).body()
                .forEach(r -> trail.merge(r.path("action").asText(), 1L, Long::sum));
        String audit = where + ": each transition audited exactly once (trail " + trail + ")";
        assertThat(trail.getOrDefault(breakGlass ? "BREAK_GLASS" : "REQUESTED", 0L)).as(audit).isEqualTo(1);
        assertThat(trail.getOrDefault("APPROVAL_ADDED", 0L) + trail.getOrDefault("APPROVED", 0L)
                + trail.getOrDefault("EXTENDED", 0L)).as(audit).isEqualTo(count(history, Step.APPROVE));
        assertThat(trail.getOrDefault("REJECTED", 0L) + trail.getOrDefault("EXTENSION_REJECTED", 0L)).as(audit)
                .isEqualTo(count(history, Step.REJECT));
        assertThat(trail.getOrDefault("CANCELLED", 0L)).as(audit).isEqualTo(count(history, Step.CANCEL));
        assertThat(trail.getOrDefault("REVOKED", 0L)).as(audit).isEqualTo(count(history, Step.REVOKE));
        assertThat(trail.getOrDefault("EXTENSION_REQUESTED", 0L)).as(audit).isEqualTo(count(history, Step.EXTEND));
        assertThat(trail.getOrDefault("REVIEWED", 0L)).as(audit).isEqualTo(count(history, Step.REVIEW));
        assertThat(trail.getOrDefault("EXTENDED", 0L)).as(where + ": an extension is granted exactly when its round"
                + " reaches the quorum").isEqualTo(perRound.entrySet().stream()
                .filter(e -> e.getKey() > 0 && e.getValue() == quorum).count());

        long firstRound = perRound.getOrDefault(0, 0L);
        if (breakGlass) {
            assertThat(firstRound).as(where + ": a break-glass window takes no approval of its own").isZero();
        } else {
            boolean approved = trail.getOrDefault("APPROVED", 0L) == 1;
            assertThat(approved).as(where + ": approved exactly when the first round reached the quorum")
                    .isEqualTo(firstRound == quorum);
            if (status.equals("REQUESTED")) {
                assertThat(firstRound).as(where + ": a pending request is below its quorum").isLessThan(quorum);
            }
        }
        boolean extensionPending = request.hasNonNull("extensionMinutes") && status.equals("APPROVED");
        if (extensionPending) {
            assertThat(request.path("approvalsRequired").asInt())
                    .as(where + ": an extension needs the policy's quorum, break-glass or not").isEqualTo(quorum);
        }
        boolean decidable = status.equals("REQUESTED") || extensionPending;
        int round = breakGlass || !status.equals("REQUESTED") ? extensions : 0;
        for (String approver : approvers) {
            if (approver.equals(requester)) {
                continue;
            }
            boolean voted = approvals.stream().anyMatch(a -> a.path("round").asInt() == round
                    && a.path("approver").asText().equals(approver));
            boolean queued = StreamSupport.stream(as(approver).get("requests/waiting").expectStatus(200).body()
                    .spliterator(), false).anyMatch(r -> r.path("id").asText().equals(id));
            if (decidable && !voted) {
                assertThat(queued).as(where + ": " + approver + " may still decide, so it is in their queue").isTrue();
            }
            if (!decidable && !(breakGlass && request.path("awaitingReview").asBoolean())) {
                assertThat(queued).as(where + ": nothing waits, so it is in nobody's queue").isFalse();
            }
        }
    }

    /**
     * Stages and automatic approval under the same races: a two-stage policy (one of the first group, then two of the
     * second; one person in both groups, and one requester who approves too) and a policy whose rule approves at once.
     */
    @Test
    void stagedAndAutomaticallyApprovedRequestsKeepEveryInvariant() throws Exception {
        Elevations elevations = new Elevations(admin);
        PolicyAdmin policyAdmin = new PolicyAdmin(admin);
        String eligible = policyAdmin.newGroup("race-staged-ops");
        String first = policyAdmin.newGroup("race-stage1");
        String second = policyAdmin.newGroup("race-stage2");
        requesters.forEach(r -> policyAdmin.addMember(elevations.userId(r), eligible));
        policyAdmin.addMember(elevations.userId(approvers.get(0)), first);
        policyAdmin.addMember(elevations.userId(approvers.get(1)), first);
        policyAdmin.addMember(elevations.userId(approvers.get(1)), second);
        policyAdmin.addMember(elevations.userId(approvers.get(2)), second);
        policyAdmin.addMember(elevations.userId(approvers.get(3)), second);
        Map<String, List<String>> staged = PolicyAdmin.policy(eligible, first);
        staged.remove("approverGroups");
        staged.put("approvalStages", List.of("[{\"name\": \"one\", \"approverGroups\": [\"" + first + "\"]},"
                + " {\"name\": \"two\", \"approverGroups\": [\"" + second + "\"], \"approvalsRequired\": 2}]"));
        staged.put("maxPendingRequests", List.of("100"));
        String stagedPolicy = policyAdmin.create("race staged " + eligible, staged);
        Map<String, List<String>> automatic = PolicyAdmin.policy(eligible, first);
        automatic.put("autoApproveRules", List.of("[{\"name\": \"short\", \"expression\": "
                + "\"request.duration <= duration('30m')\"}]"));
        String automaticPolicy = policyAdmin.create("race automatic " + eligible, automatic);

        long seed = Long.getLong("elevate.race.seed", System.nanoTime());
        Random random = new Random(seed);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < Math.max(1, ROUNDS / 4); round++) {
                String where = "seed " + seed + ", staged round " + round;
                if (random.nextInt(3) == 0) {
                    playAutomaticRound(random, pool, automaticPolicy, where);
                } else {
                    playStagedRound(random, pool, stagedPolicy, where);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void playStagedRound(Random random, ExecutorService pool, String policy, String where) throws Exception {
        String requester = requesters.get(random.nextInt(requesters.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42 staged race " + where);
        body.put("durationMinutes", 30);
        String id = as(requester).post("requests", body).expectStatus(201).body().path("id").asText();
        List<Sent> history = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
            List<Sent> steps = new ArrayList<>();
            for (int i = 3 + random.nextInt(4); i > 0; i--) {
                Step step = random.nextInt(8) == 0 ? Step.REJECT : Step.APPROVE;
                steps.add(new Sent(step, random.nextInt(6) == 0 ? requester
                        : approvers.get(random.nextInt(approvers.size())), 0));
            }
            history.addAll(race(pool, id, steps));
            String at = where + ", batch " + batch + ", request " + id + " of " + requester + ", sent " + history;
            history.forEach(s -> assertThat(EXPECTED).as(at + ": every answer is a decision or a clear refusal")
                    .contains(s.status()));
            assertThat(history).as(at + ": the requester never decides their own request")
                    .noneMatch(s -> s.user().equals(requester) && s.status() == 200);
            JsonNode request = as(requester).get("requests/" + id).expectStatus(200).body();
            List<JsonNode> approvals = StreamSupport.stream(request.path("approvals").spliterator(), false).toList();
            assertThat(approvals.size()).as(at + ": every acknowledged approval is recorded, once (" + request + ")")
                    .isEqualTo(count(history, Step.APPROVE));
            long one = approvals.stream().filter(a -> a.path("stage").asInt() == 1).count();
            long two = approvals.stream().filter(a -> a.path("stage").asInt() == 2).count();
            assertThat(one).as(at + ": stage one never takes more than its quorum").isLessThanOrEqualTo(1);
            assertThat(two).as(at + ": stage two never takes more than its quorum").isLessThanOrEqualTo(2);
            assertThat(two == 0 || one == 1).as(at + ": stage two only after stage one").isTrue();
            assertThat(approvals.stream().map(a -> a.path("approver").asText()).distinct().count())
                    .as(at + ": one person approves one stage").isEqualTo(approvals.size());
            Map<String, Long> trail = new HashMap<>();
            admin.get(DEMO_REALM + "/elevation/audit?window=" + id + "&max=500").expectStatus(200).body()
                    .forEach(r -> trail.merge(r.path("action").asText(), 1L, Long::sum));
            String audit = at + ": each transition audited exactly once (trail " + trail + ")";
            assertThat(trail.getOrDefault("STAGE_APPROVED", 0L)).as(audit).isEqualTo(one);
            assertThat(trail.getOrDefault("APPROVED", 0L)).as(audit).isEqualTo(two == 2 ? 1 : 0);
            assertThat(trail.getOrDefault("APPROVAL_ADDED", 0L) + trail.getOrDefault("STAGE_APPROVED", 0L)
                    + trail.getOrDefault("APPROVED", 0L)).as(audit).isEqualTo(count(history, Step.APPROVE));
            assertThat(trail.getOrDefault("REJECTED", 0L)).as(audit).isEqualTo(count(history, Step.REJECT));
            assertThat(request.path("status").asText()).as(at).isEqualTo(trail.containsKey("REJECTED") ? "REJECTED"
                    : two == 2 ? "APPROVED" : "REQUESTED");
        }
    }

    private void playAutomaticRound(Random random, ExecutorService pool, String policy, String where)
            throws Exception {
        String requester = requesters.get(random.nextInt(requesters.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42 automatic race " + where);
        body.put("durationMinutes", 30);
        JsonNode window = as(requester).post("requests", body).expectStatus(201).body();
        String id = window.path("id").asText();
        assertThat(window.path("status").asText()).as(where).isEqualTo("APPROVED");
        assertThat(window.path("autoApprovedByRule").asText()).as(where).isEqualTo("short");
        List<Sent> steps = new ArrayList<>();
        for (int i = 2 + random.nextInt(4); i > 0; i--) {
            Step step = random.nextInt(3) == 0 ? Step.REVOKE : Step.REVIEW;
            steps.add(new Sent(step, approvers.get(random.nextInt(approvers.size())), 0));
        }
        List<Sent> history = race(pool, id, steps);
        String at = where + ", window " + id + " of " + requester + ", sent " + history;
        history.forEach(s -> assertThat(EXPECTED).as(at).contains(s.status()));
        assertThat(history).as(at + ": the requester never reviews or revokes as an approver")
                .noneMatch(s -> s.user().equals(requester) && s.status() == 200);
        Map<String, Long> trail = new HashMap<>();
        admin.get(DEMO_REALM + "/elevation/audit?window=" + id + "&max=500").expectStatus(200).body()
                .forEach(r -> trail.merge(r.path("action").asText(), 1L, Long::sum));
        String audit = at + ": trail " + trail;
        assertThat(trail.getOrDefault("AUTO_APPROVED", 0L)).as(audit).isEqualTo(1);
        assertThat(trail.getOrDefault("REVIEWED", 0L)).as(audit).isEqualTo(count(history, Step.REVIEW))
                .isLessThanOrEqualTo(1);
        assertThat(trail.getOrDefault("REVOKED", 0L)).as(audit).isEqualTo(count(history, Step.REVOKE))
                .isLessThanOrEqualTo(1);
    }

    private static long count(List<Sent> history, Step step) {
        return history.stream().filter(s -> s.step() == step && s.status() == 200).count();
    }

    private AdminApi as(String username) {
        return clients.computeIfAbsent(username,
                u -> AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, u, Elevations.PASSWORD));
    }
}
