package io.elevate.aws.instances;

import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.Ec2Contract;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;
import io.elevate.testing.server.KeycloakServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance tag discovery against the real server, whose EC2 client talks to the EC2 contract in this JVM: a request
 * naming an instance gets the instance's tags, an instance outside the policy or unknown to AWS is refused, and an
 * AWS that throttles or denies refuses the request clearly. Each test uses its own instances and tag values, because
 * the server keeps AWS's answers for a minute.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("Instance tags from AWS")
class InstanceTagsIT {

    private static final String TAG = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";

    private KeycloakServer server;
    private AwsContractServer aws;
    private Ec2Contract ec2;
    private Elevations elevations;
    private PolicyAdmin policies;
    private String operator;
    private String approver;
    private String appId;
    private String policy;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.aws = server.aws();
        this.ec2 = Ec2Contract.on(aws);
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        String operators = policies.newGroup("operators");
        String approvers = policies.newGroup("approvers");
        this.operator = member("op", operators);
        this.approver = member("appr", approvers);
        this.appId = "App" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> config = PolicyAdmin.policy(operators, approvers);
        config.put("instanceIds", List.of());
        config.put("tags", List.of("[{\"key\":\"AppId\",\"value\":\"" + appId + "\"},"
                + "{\"key\":\"Env\",\"value\":\"dev\"}]"));
        config.put("instanceTags", List.of("ec2"));
        config.put("discoveredTagKeys", List.of("AppGroupName", "Owner"));
        this.policy = policies.create("discovered " + appId, config);
    }

    @Test
    @DisplayName("given an instance with the policy's tags, then the window carries its tags and sign-in asks AWS nothing")
    void theWindowCarriesTheInstancesTags() {
        String instance = instance("running", Map.of("Name", "web-1", "AppId", appId, "Env", "dev",
                "AppGroupName", "webserver", "Owner", "team-a"));

        JsonNode requested = as(operator).post("requests", request(instance)).expectStatus(201).body();

        assertThat(requested.path("instanceId").asText()).isEqualTo(instance);
        List<String> keys = new ArrayList<>();
        requested.path("tags").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("AppId", "Env", "AppGroupName", "Owner");
        assertThat(requested.path("tags").path("Owner").asText()).isEqualTo("team-a");
        assertThat(aws.requests(r -> "DescribeInstances".equals(r.action()) && instance.equals(
                r.param("InstanceId.1")))).singleElement().satisfies(r -> assertThat(r.signed()).isTrue());

        String id = requested.path("id").asText();
        as(approver).post("requests/" + id + "/approve", Map.of()).expectStatus(200);
        int calls = aws.requests("ec2", "DescribeInstances").size();
        SamlPost post = AwsSignIn.samlPost(new AwsSignIn(server.baseUrl()).signIn(operator, Elevations.PASSWORD))
                .orElseThrow(() -> new AssertionError("no SAML Response inside the approved window"));
        assertThat(SamlAttributes.of(post.response())).containsEntry(TAG + "AppGroupName", List.of("webserver"))
                .containsEntry(TAG + "Owner", List.of("team-a")).containsEntry(TAG + "AppId", List.of(appId));
        assertThat(aws.requests("ec2", "DescribeInstances")).as("the sign-in never calls AWS").hasSize(calls);
    }

    @Test
    @DisplayName("given an instance outside the policy's tags, or unknown to AWS, then a 400 saying why and nothing stored")
    void outsideOrUnknownIsRefused() {
        String prod = instance("running", Map.of("AppId", appId, "Env", "prod", "AppGroupName", "w", "Owner", "o"));
        String unnamed = instance("running", Map.of("AppId", appId, "Env", "dev", "AppGroupName", "w"));
        String unknown = randomInstanceId();

        JsonResponse outside = as(operator).post("requests", request(prod));
        JsonResponse missing = as(operator).post("requests", request(unnamed));
        JsonResponse nowhere = as(operator).post("requests", request(unknown));

        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body().path("violations").toString())
                .contains("instance " + prod + " is not within policy discovered " + appId + ": tag Env is prod, not dev");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("violations").toString()).contains("has no tag Owner");
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.body().path("violations").toString())
                .contains("no instance " + unknown + " in region eu-west-1");
        assertThat(as(operator).get("requests/mine").expectStatus(200).body()).isEmpty();
    }

    @Test
    @DisplayName("given AWS throttling beyond the retries or denying, then a 503 that says so; a throttle retried is fine")
    void awsFailuresAreClearErrors() {
        String throttled = instance("running", Map.of("AppId", appId, "Env", "dev", "AppGroupName", "w", "Owner", "o"));
        String denied = instance("running", Map.of("AppId", appId, "Env", "dev", "AppGroupName", "w", "Owner", "o"));
        String retried = instance("stopped", Map.of("AppId", appId, "Env", "dev", "AppGroupName", "w", "Owner", "o"));

        aws.fail("ec2", "DescribeInstances", Fault.THROTTLE, 3);
        JsonResponse throttling = as(operator).post("requests", request(throttled));
        aws.fail("ec2", "DescribeInstances", Fault.ACCESS_DENIED, 1);
        JsonResponse denial = as(operator).post("requests", request(denied));

        assertThat(throttling.status()).isEqualTo(503);
        assertThat(throttling.body().path("error").asText()).isEqualTo("aws_unavailable");
        assertThat(throttling.body().path("error_description").asText())
                .contains("could not look up instance tags in AWS", "RequestLimitExceeded", "nothing was requested");
        assertThat(denial.status()).isEqualTo(503);
        assertThat(denial.body().path("error_description").asText()).contains("UnauthorizedOperation");
        assertThat(as(operator).get("requests/mine").expectStatus(200).body()).isEmpty();

        aws.fail("ec2", "DescribeInstances", Fault.THROTTLE, 1);
        as(operator).post("requests", request(retried)).expectStatus(201);
        assertThat(aws.requests(r -> "DescribeInstances".equals(r.action())
                && retried.equals(r.param("InstanceId.1")))).extracting(AwsContractServer.Request::status)
                .containsExactly(503, 200);
    }

    @Test
    @DisplayName("given the policy's instances endpoint, then the instances with its tags, their name and state")
    void listsTheRequestableInstances() {
        String web = instance("running", Map.of("Name", "web-<1>", "AppId", appId, "Env", "dev",
                "AppGroupName", "webserver", "Owner", "team-a"));
        instance("running", Map.of("Name", "prod", "AppId", appId, "Env", "prod", "AppGroupName", "w", "Owner", "o"));
        instance("terminated", Map.of("AppId", appId, "Env", "dev", "AppGroupName", "w", "Owner", "o"));

        JsonNode listed = as(operator).get("policies/" + policy + "/instances").expectStatus(200).body();

        assertThat(listed).singleElement().satisfies(i -> {
            assertThat(i.path("instanceId").asText()).isEqualTo(web);
            assertThat(i.path("name").asText()).isEqualTo("web-<1>");
            assertThat(i.path("state").asText()).isEqualTo("running");
            assertThat(i.path("tags").path("AppGroupName").asText()).isEqualTo("webserver");
        });
        assertThat(as(approver).get("policies/" + policy + "/instances").status()).isEqualTo(404);
        assertThat(as(operator).get("policies").body()).filteredOn(p -> p.path("id").asText().equals(policy))
                .singleElement().satisfies(p -> assertThat(p.path("instanceTags").asText()).isEqualTo("ec2"));
    }

    private String instance(String state, Map<String, String> tags) {
        String id = randomInstanceId();
        ec2.instance(id, state, tags);
        return id;
    }

    private static String randomInstanceId() {
        return "i-0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private Map<String, Object> request(String instanceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy);
        body.put("instanceId", instanceId);
        body.put("justification", "INC42: the web tier is down");
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
