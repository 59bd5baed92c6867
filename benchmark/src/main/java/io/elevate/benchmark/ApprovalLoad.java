package io.elevate.benchmark;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent clients of the elevation API, each an operator asking for the demo target and an approver approving it,
 * with their own bearer tokens (password grant of the tests' client, which the realm lists in elevate.api.clients),
 * one request after the other.
 */
final class ApprovalLoad {

    /** What one run measured: approvals completed, wall time, and the latencies of each call. */
    record Result(int approvals, double seconds, List<Long> requests, List<Long> approves) {
        double approvalsPerSecond() {
            return approvals / seconds;
        }
    }

    private final String baseUrl;
    private final AdminApi admin;

    ApprovalLoad(String baseUrl, AdminApi admin) {
        this.baseUrl = baseUrl;
        this.admin = admin;
    }

    /** {@code clients} operator/approver pairs in the demo groups, one warm-up round, then {@code rounds} each. */
    Result run(int clients, int rounds) throws Exception {
        Elevations users = new Elevations(admin);
        PolicyAdmin groups = new PolicyAdmin(admin);
        List<AdminApi[]> pairs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String operator = users.newUser("bench-op");
            groups.addMember(users.userId(operator), "/operators");
            String approver = users.newUser("bench-appr");
            groups.addMember(users.userId(approver), "/approvers");
            pairs.add(new AdminApi[] {as(operator), as(approver)});
        }
        String policy = pairs.get(0)[0].get("policies").expectStatus(200).body().get(0).path("id").asText();

        CyclicBarrier start = new CyclicBarrier(clients + 1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<List<Long>>>> work = new ArrayList<>();
            for (AdminApi[] pair : pairs) {
                work.add(pool.submit(() -> {
                    approve(pair[0], pair[1], policy, null, null);
                    start.await();
                    List<Long> requests = new ArrayList<>();
                    List<Long> approves = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        approve(pair[0], pair[1], policy, requests, approves);
                    }
                    return List.of(requests, approves);
                }));
            }
            start.await();
            long began = System.nanoTime();
            List<Long> requests = new ArrayList<>();
            List<Long> approves = new ArrayList<>();
            for (Future<List<List<Long>>> client : work) {
                requests.addAll(client.get().get(0));
                approves.addAll(client.get().get(1));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            return new Result(approves.size(), seconds, requests, approves);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void approve(AdminApi operator, AdminApi approver, String policy, List<Long> requests,
                                List<Long> approves) {
        long t0 = System.nanoTime();
        JsonResponse asked = operator.post("requests", request(policy)).expectStatus(201);
        long t1 = System.nanoTime();
        JsonNode approved = approver.post("requests/" + asked.body().path("id").asText() + "/approve",
                Map.of("comment", "benchmark")).expectStatus(200).body();
        long t2 = System.nanoTime();
        if (!"APPROVED".equals(approved.path("status").asText())) {
            throw new IllegalStateException("Approval did not approve: " + approved);
        }
        if (requests != null) {
            requests.add(t1 - t0);
            approves.add(t2 - t1);
        }
    }

    private static Map<String, Object> request(String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: benchmark");
        body.put("ticket", "INC42");
        body.put("durationMinutes", 30);
        return body;
    }

    private AdminApi as(String username) {
        AdminApi api = AdminApi.elevationApiAs(baseUrl, DEMO_REALM, username, Elevations.PASSWORD);
        api.accessToken();
        return api;
    }
}
