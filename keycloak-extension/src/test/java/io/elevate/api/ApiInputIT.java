package io.elevate.api;

import io.elevate.audit.Auditors;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.TestHttp;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.ApiTestClient;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the elevation API and the admin API do with input that is malformed, hostile or from the wrong client, over
 * HTTP against the real server: every refusal a 4xx with the API's error body, and nothing changed.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The APIs' input")
class ApiInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = TestHttp.client();

    private KeycloakServer server;
    private AdminApi admin;
    private PolicyAdmin policies;
    private Elevations elevations;
    private String operators;
    private String approvers;
    private String operator;
    private String approver;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        this.operators = policies.newGroup("in-operators");
        this.approvers = policies.newGroup("in-approvers");
        this.operator = member("inop", operators);
        this.approver = member("inappr", approvers);
    }

    @Nested
    @DisplayName("given a decision body")
    class Decisions {

        @Test
        @DisplayName("then a 1 MB comment is refused with 400 naming it, and the request is not approved")
        void hugeCommentRefused() {
            String id = newRequest(policy());

            JsonResponse refused = as(approver).post("requests/" + id + "/approve",
                    Map.of("comment", "x".repeat(1024 * 1024)));

            expectViolations(refused, "comment");
            JsonNode unchanged = as(approver).get("requests/" + id).expectStatus(200).body();
            assertThat(unchanged.path("status").asText()).isEqualTo("REQUESTED");
            assertThat(unchanged.path("approvals")).isEmpty();
        }

        @Test
        @DisplayName("then a number as comment and an unknown field are both listed, and nothing changes")
        void everyViolationListed() {
            String id = newRequest(policy());

            for (String step : List.of("approve", "reject", "review")) {
                JsonResponse refused = as(approver).post("requests/" + id + "/" + step,
                        "{\"comment\":42,\"approvalsRequired\":0}");
                expectViolations(refused, "comment", "approvalsRequired");
            }
            expectViolations(as(operator).post("requests/" + id + "/cancel", "{\"reason\":[\"x\"]}"), "reason");
            expectViolations(as(operator).post("requests/" + id + "/extend", "{\"minutes\":\"5\"}"), "minutes");
            assertThat(as(approver).get("requests/" + id).expectStatus(200).body().path("status").asText())
                    .isEqualTo("REQUESTED");
        }

        @Test
        @DisplayName("then a comment with terminal escapes is refused naming the field")
        void escapesRefused() {
            String id = newRequest(policy());

            JsonResponse refused = as(approver).post("requests/" + id + "/approve",
                    Map.of("comment", "\u001b]0;ok\u0007\u001b[2J\u001b[32mAll checks passed"));

            expectViolations(refused, "comment");
        }
    }

    @Nested
    @DisplayName("given a request body")
    class Requests {

        @Test
        @DisplayName("then tickets with a line break or NUL, and a justification with escapes, are refused, not trimmed")
        void normalisationRefused() {
            Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
            config.put("ticketPattern", List.of("^(CHG|INC)[0-9]+$"));
            String policy = policies.create("tickets " + operators, config);

            for (String ticket : List.of("CHG1\n", "CHG1\u0000", " CHG1")) {
                Map<String, Object> body = request(policy);
                body.put("ticket", ticket);
                expectViolations(as(operator).post("requests", body), "ticket");
            }
            Map<String, Object> escaped = request(policy);
            escaped.put("ticket", "CHG1");
            escaped.put("justification", "\u001b]0;x\u0007\u001b[2J\u001b[32mAll checks passed");
            expectViolations(as(operator).post("requests", escaped), "justification");
            assertThat(as(operator).get("requests/mine").expectStatus(200).body()).isEmpty();
        }

        @Test
        @DisplayName("then trailing text, two objects and a duplicate key are refused with 400")
        void lenientJsonRefused() {
            String policy = policy();
            String body = toJson(request(policy));

            for (String malformed : List.of(body + "xyz", body + body,
                    body.replaceFirst("\\{", "{\"durationMinutes\":1,"))) {
                JsonResponse refused = as(operator).post("requests", malformed);
                assertThat(refused.status()).as(malformed).isEqualTo(400);
                assertThat(refused.body().path("error").asText()).isEqualTo("invalid_request");
                assertThat(refused.body().path("error_description").asText()).contains("JSON");
            }
            assertThat(as(operator).get("requests/mine").expectStatus(200).body()).isEmpty();
        }

        @Test
        @DisplayName("then a body without Content-Type, or of another type, is refused with 415 and the error body")
        void contentTypeRequired() throws Exception {
            String token = as(operator).accessToken();
            String body = toJson(request(policy()));

            for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(api("requests"))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body));
                if (type != null) {
                    request.header("Content-Type", type);
                }
                HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(String.valueOf(type)).isEqualTo(415);
                assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("unsupported_media_type");
            }
            assertThat(as(operator).get("requests/mine").expectStatus(200).body()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given the audit query")
    class Audit {

        @Test
        @DisplayName("then instants out of range, paging that is not a number, an unknown or a repeated parameter are 400"
                + " with violations, not 500 or 404")
        void queryParametersChecked() throws Exception {
            policies.grantRealmRole(elevations.userId(approver), Auditors.ROLE);
            String token = as(approver).accessToken();

            for (String query : List.of("to=" + enc("+1000000000-01-01T00:00:00Z"),
                    "from=" + enc("-1000000000-01-01T00:00:00Z"),
                    "format=csv&from=" + enc("-0001-01-01T00:00:00Z"), "max=abc", "first=1.5", "max=0",
                    "person=alice", "actor=alice&actor=bob")) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(api("audit?" + query))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(query).isEqualTo(400);
                JsonNode error = JSON.readTree(answer.body());
                assertThat(error.path("error").asText()).isEqualTo("invalid_request");
                assertThat(error.path("violations")).as(query).hasSize(1);
            }
        }
    }

    @Nested
    @DisplayName("given who calls")
    class Callers {

        @Test
        @DisplayName("then no token and a malformed Authorization header are 401 with the error body")
        void unauthenticated() throws Exception {
            HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(api("requests/mine")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(api("requests/mine"))
                    .header("Authorization", "Basic dXNlcjpwYXNz").GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(api("requests/mine"))
                    .header("Authorization", "Bearer not.a.token").GET().build(), HttpResponse.BodyHandlers.ofString());

            for (HttpResponse<String> answer : List.of(none, basic, forged)) {
                assertThat(answer.statusCode()).isEqualTo(401);
                assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_token");
            }
        }

        @Test
        @DisplayName("then a token issued to admin-cli is refused with 401 naming the client, approvals included")
        void otherClientsRefused() throws Exception {
            String id = newRequest(policy());
            String adminCliToken = passwordToken("admin-cli", approver);

            HttpResponse<String> approve = HTTP.send(HttpRequest.newBuilder(api("requests/" + id + "/approve"))
                    .header("Authorization", "Bearer " + adminCliToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(approve.statusCode()).isEqualTo(401);
            JsonNode error = JSON.readTree(approve.body());
            assertThat(error.path("error").asText()).isEqualTo("invalid_token");
            assertThat(error.path("error_description").asText()).contains("admin-cli").contains("elevate-cli");
            assertThat(as(approver).get("requests/" + id).expectStatus(200).body().path("status").asText())
                    .isEqualTo("REQUESTED");
        }

        @Test
        @DisplayName("then with a realm acr-to-LoA map, an approver whose acr is named meets a policy's minimum level")
        void namedAcrMeetsTheLevel() throws Exception {
            Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
            config.put("approverMinLevel", List.of("1"));
            String id = newRequest(policies.create("acr " + operators, config));
            String previous = ApiTestClient.setRealmAttribute(admin, DEMO_REALM, "acr.loa.map",
                    "{\"silver\":1,\"gold\":2}");
            try {
                String token = as(approver).accessToken();
                assertThat(JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                        .path("acr").asText()).isEqualTo("silver");

                JsonNode approved = as(approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200).body();

                assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
            } finally {
                ApiTestClient.setRealmAttribute(admin, DEMO_REALM, "acr.loa.map", previous == null ? "{}" : previous);
            }
        }
    }

    @Nested
    @DisplayName("given the admin API")
    class AdminApiInput {

        @Test
        @DisplayName("then paging that is not a number is 400 with violations, and lenient JSON is refused")
        void strictToo() throws Exception {
            JsonResponse paging = admin.get(DEMO_REALM + "/elevation/windows?max=abc&first=-1");
            assertThat(paging.status()).isEqualTo(400);
            assertThat(paging.body().path("violations")).extracting(v -> v.path("field").asText())
                    .containsExactlyInAnyOrder("max", "first");

            String window = toJson(Elevations.window(operator, java.time.Duration.ofHours(1)));
            JsonResponse duplicate = admin.post(DEMO_REALM + "/elevation/windows",
                    window.replaceFirst("\\{", "{\"justification\":\"first\","));
            assertThat(duplicate.status()).isEqualTo(400);
            assertThat(admin.post(DEMO_REALM + "/elevation/windows", window + "{}").status()).isEqualTo(400);

            HttpResponse<String> untyped = HTTP.send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/admin/realms/" + DEMO_REALM + "/elevation/windows"))
                    .header("Authorization", "Bearer " + admin.accessToken())
                    .POST(HttpRequest.BodyPublishers.ofString(window)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(untyped.statusCode()).isEqualTo(415);
            assertThat(JSON.readTree(untyped.body()).path("error").asText()).isEqualTo("unsupported_media_type");
            assertThat(admin.get(DEMO_REALM + "/elevation/windows?user=" + operator).expectStatus(200).body())
                    .isEmpty();
        }
    }

    private String policy() {
        return policies.create("input " + operators, PolicyAdmin.policy(operators, approvers));
    }

    private String newRequest(String policy) {
        return as(operator).post("requests", request(policy)).expectStatus(201).body().path("id").asText();
    }

    private static Map<String, Object> request(String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("justification", "INC42: the web tier is down");
        body.put("durationMinutes", 30);
        return body;
    }

    private static void expectViolations(JsonResponse response, String... fields) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body().path("error").asText()).isEqualTo("invalid_request");
        assertThat(response.body().path("violations")).extracting(v -> v.path("field").asText())
                .containsExactlyInAnyOrder(fields);
    }

    private String passwordToken(String clientId, String username) throws Exception {
        String form = "grant_type=password&client_id=" + clientId + "&username=" + enc(username)
                + "&password=" + enc(Elevations.PASSWORD);
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(
                        URI.create(server.realmUrl(DEMO_REALM) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).path("access_token").asText();
    }

    private URI api(String path) {
        return URI.create(server.realmUrl(DEMO_REALM) + "/elevation/" + path);
    }

    private AdminApi as(String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }

    private String member(String prefix, String group) {
        String username = elevations.newUser(prefix);
        policies.addMember(elevations.userId(username), group);
        return username;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
