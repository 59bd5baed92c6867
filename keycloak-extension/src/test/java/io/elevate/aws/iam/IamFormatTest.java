package io.elevate.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.elevate.aws.iam.IamFixtures.JSON;
import static io.elevate.aws.iam.IamFixtures.generate;
import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The IAM artifacts written out")
class IamFormatTest {

    private static final IamOptions REVOKED = new IamOptions(OptionalInt.of(2), false, false, List.of("w-1", "w-2"));

    private final IamArtifacts artifacts = generate(List.of(
            policy("web", "123456789012", "ElevateSessionManager", "Keycloak", tags("AppId", "ABC")),
            policy("db", "210987654321", "Db.Admin", "Keycloak", tags("Team", "data"))), REVOKED);

    @Nested
    @DisplayName("as JSON")
    class AsJson {

        @Test
        void isAnObjectKeyedByRoleArnWithTheThreeDocuments() throws Exception {
            JsonNode json = JSON.readTree(IamFormat.JSON.render(artifacts));

            assertThat(json.fieldNames()).toIterable().containsExactly(
                    "arn:aws:iam::123456789012:role/ElevateSessionManager", "arn:aws:iam::210987654321:role/Db.Admin",
                    "serverPolicy", "sessionPreferences");
            RoleArtifacts web = artifacts.roles().get(0);
            JsonNode entry = json.path(web.target().roleArn());
            assertThat(entry.path("trustPolicy")).isEqualTo(web.trustPolicy());
            assertThat(entry.path("permissionPolicy")).isEqualTo(web.permissionPolicy());
            assertThat(entry.path("revocationPolicy")).isEqualTo(web.revocationPolicy());
            assertThat(entry.path("sizes").path("permissionPolicy").asInt()).isEqualTo(web.sizes().permissionPolicy());
        }

        @Test
        void saysWhenThereIsNoRevocationPolicy() throws Exception {
            IamArtifacts none = generate(List.of(policy("Ops", tags("AppId", "A"))), IamOptions.defaults());
            JsonNode entry = JSON.readTree(IamFormat.JSON.render(none)).path("arn:aws:iam::123456789012:role/Ops");

            assertThat(entry.path("revocationPolicy").isNull()).isTrue();
            assertThat(entry.path("notes").toString()).contains("no revoked ids given");
        }
    }

    @Nested
    @DisplayName("as a CloudFormation template")
    class AsCloudFormation {

        private final JsonNode template = parse(IamFormat.CLOUDFORMATION.render(artifacts));

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON (nor so YAML): " + text, e);
            }
        }

        @Test
        void hasTheRoleWithItsTrustAndRevocationPolicies() {
            RoleArtifacts web = artifacts.roles().get(0);
            JsonNode role = template.path("Resources").path("Role123456789012ElevateSessionManager");

            assertThat(template.path("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
            assertThat(role.path("Type").asText()).isEqualTo("AWS::IAM::Role");
            assertThat(role.path("Condition").asText()).isEqualTo("InAccount123456789012");
            JsonNode properties = role.path("Properties");
            assertThat(properties.path("RoleName").asText()).isEqualTo("ElevateSessionManager");
            assertThat(properties.path("MaxSessionDuration").asInt()).isEqualTo(3600);
            assertThat(properties.path("AssumeRolePolicyDocument")).isEqualTo(web.trustPolicy());
            assertThat(properties.path("Policies").get(0).path("PolicyName").asText()).isEqualTo("elevate-revocations");
            assertThat(properties.path("Policies").get(0).path("PolicyDocument")).isEqualTo(web.revocationPolicy());
        }

        @Test
        void attachesThePermissionPolicyAsAManagedPolicy() {
            JsonNode managed = template.path("Resources").path("Role123456789012ElevateSessionManagerAbac");

            assertThat(managed.path("Type").asText()).isEqualTo("AWS::IAM::ManagedPolicy");
            assertThat(managed.path("Properties").path("PolicyDocument"))
                    .isEqualTo(artifacts.roles().get(0).permissionPolicy());
            assertThat(managed.path("Properties").path("Roles").get(0).path("Ref").asText())
                    .isEqualTo("Role123456789012ElevateSessionManager");
        }

        @Test
        void createsEachRoleOnlyInItsOwnAccount() {
            assertThat(template.path("Conditions").path("InAccount210987654321").path("Fn::Equals").toString())
                    .isEqualTo("[{\"Ref\":\"AWS::AccountId\"},\"210987654321\"]");
            assertThat(template.path("Resources").path("Role210987654321DbAdmin").path("Condition").asText())
                    .isEqualTo("InAccount210987654321");
        }
    }

    @Nested
    @DisplayName("as Terraform's JSON syntax")
    class AsTerraform {

        private static final String ROLE = "elevate_123456789012_ElevateSessionManager";

        private final String text = IamFormat.TERRAFORM.render(artifacts);
        private final JsonNode config = terraform(text);
        private final JsonNode resources = config.path("resource");

        @Test
        void declaresTheRolesPoliciesAndAttachments() {
            assertThat(resources.path("aws_iam_role").fieldNames()).toIterable()
                    .containsExactly(ROLE, "elevate_210987654321_Db_Admin");
            assertThat(resources.path("aws_iam_policy").fieldNames()).toIterable().containsExactly(ROLE + "_abac",
                    "elevate_210987654321_Db_Admin_abac", "elevate_server", "elevate_session_node_logging_123456789012",
                    "elevate_session_node_logging_210987654321");
            assertThat(resources.path("aws_iam_role_policy_attachment").has(ROLE + "_abac")).isTrue();
            assertThat(resources.path("aws_iam_role_policy").has(ROLE + "_revocations")).isTrue();
            JsonNode db = resources.path("aws_iam_role").path("elevate_210987654321_Db_Admin");
            assertThat(db.path("name").asText()).isEqualTo("Db.Admin");
            assertThat(db.path("max_session_duration").asInt()).isEqualTo(3600);
            assertThat(db.path("count").asText())
                    .isEqualTo("${data.aws_caller_identity.elevate.account_id == \"210987654321\" ? 1 : 0}");
            assertThat(resources.path("aws_iam_role_policy_attachment").path(ROLE + "_abac").path("role").asText())
                    .isEqualTo("${aws_iam_role." + ROLE + "[count.index].name}");
            assertThat(config.path("data").path("aws_caller_identity").has("elevate")).isTrue();
        }

        @Test
        void keepsIamPolicyVariablesFromTerraformsInterpolation() {
            String permissions = resources.path("aws_iam_policy").path(ROLE + "_abac").path("policy").asText();
            assertThat(permissions).contains("\"$${aws:PrincipalTag/AppId2}\"", "session/$${aws:userid}-*");
            Matcher unescaped = Pattern.compile("(?<!\\$)\\$\\{(?!(data|aws_iam_role|aws_iam_policy)\\.)")
                    .matcher(text);
            assertThat(unescaped.find()).as("an unescaped ${ in\n" + text).isFalse();
        }

        @Test
        void embedsTheSameDocuments() throws Exception {
            RoleArtifacts web = artifacts.roles().get(0);
            assertThat(document(resources.path("aws_iam_role").path(ROLE).path("assume_role_policy")))
                    .isEqualTo(web.trustPolicy());
            assertThat(document(resources.path("aws_iam_policy").path(ROLE + "_abac").path("policy")))
                    .isEqualTo(web.permissionPolicy());
            assertThat(document(resources.path("aws_iam_role_policy").path(ROLE + "_revocations").path("policy")))
                    .isEqualTo(web.revocationPolicy());
        }

        @Test
        void leavesTheRevocationPolicyOutWhenNothingIsRevoked() {
            JsonNode none = terraform(IamFormat.TERRAFORM.render(generate(List.of(policy("Ops", tags("AppId", "A"))),
                    IamOptions.defaults())));
            assertThat(none.path("resource").has("aws_iam_role_policy")).isFalse();
            assertThat(none.path("resource").path("aws_iam_role").path("elevate_123456789012_Ops").path("//")
                    .asText()).contains("no revoked ids given");
        }
    }

    /** Terraform's JSON syntax is JSON. */
    private static JsonNode terraform(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A policy document as Terraform passes it to AWS: its template escapes undone. */
    private static JsonNode document(JsonNode attribute) throws Exception {
        assertThat(attribute.isTextual()).as("a JSON string, as the AWS provider expects: " + attribute).isTrue();
        return JSON.readTree(attribute.asText().replace("$${", "${").replace("%%{", "%{"));
    }

    @Nested
    @DisplayName("with the realm-level policies")
    class RealmPolicies {

        private final IamArtifacts breakGlass = generate(List.of(policy("Ops", tags("AppId", "ABC"),
                tags("instanceIds", "i-0123456789abcdef0", "breakGlassGroup", "/break-glass", "osCredential", "true",
                        "osCredentialKmsKeyId", "alias/elevate"))), IamOptions.defaults());

        @Test
        void jsonHasTheServerAndInstancePoliciesNextToTheRoles() throws Exception {
            JsonNode json = JSON.readTree(IamFormat.JSON.render(breakGlass));

            assertThat(json.fieldNames()).toIterable().containsExactly("arn:aws:iam::123456789012:role/Ops",
                    "serverPolicy", "breakGlassInstancePolicy", "sessionPreferences");
            assertThat(json.path("serverPolicy").path("policy")).isEqualTo(breakGlass.serverPolicy().document());
            assertThat(json.path("serverPolicy").path("policyName").asText()).isEqualTo("elevate-server-test");
            assertThat(json.path("serverPolicy").path("size").asInt()).isEqualTo(breakGlass.serverPolicy().size());
            assertThat(json.path("serverPolicy").path("limit").asInt()).isEqualTo(6144);
            assertThat(json.path("breakGlassInstancePolicy").path("policy"))
                    .isEqualTo(breakGlass.breakGlassInstancePolicy().orElseThrow().document());
        }

        @Test
        void cloudFormationDeclaresThemAsManagedPoliciesWithTheirArnsAsOutputs() throws Exception {
            JsonNode template = JSON.readTree(IamFormat.CLOUDFORMATION.render(breakGlass));

            JsonNode server = template.path("Resources").path("ElevateServerPolicy");
            assertThat(server.path("Type").asText()).isEqualTo("AWS::IAM::ManagedPolicy");
            assertThat(server.path("Properties").path("ManagedPolicyName").asText()).isEqualTo("elevate-server-test");
            assertThat(server.path("Properties").path("PolicyDocument")).isEqualTo(breakGlass.serverPolicy().document());
            JsonNode instance = template.path("Resources").path("ElevateBreakGlassInstancePolicy");
            assertThat(instance.path("Type").asText()).isEqualTo("AWS::IAM::ManagedPolicy");
            assertThat(instance.path("Properties").path("PolicyDocument"))
                    .isEqualTo(breakGlass.breakGlassInstancePolicy().orElseThrow().document());
            assertThat(template.path("Outputs").path("ElevateServerPolicyArn").path("Value").path("Ref").asText())
                    .isEqualTo("ElevateServerPolicy");
            assertThat(template.path("Outputs").path("ElevateBreakGlassInstancePolicyArn").path("Value").path("Ref")
                    .asText()).isEqualTo("ElevateBreakGlassInstancePolicy");
        }

        @Test
        void cloudFormationHasNoInstancePolicyWithoutAnOsCredential() throws Exception {
            JsonNode template = JSON.readTree(IamFormat.CLOUDFORMATION.render(artifacts));

            assertThat(template.path("Resources").has("ElevateServerPolicy")).isTrue();
            assertThat(template.path("Resources").has("ElevateBreakGlassInstancePolicy")).isFalse();
            assertThat(template.path("Outputs").has("ElevateBreakGlassInstancePolicyArn")).isFalse();
        }

        @Test
        void terraformDeclaresThemAsPoliciesWithTheSameDocuments() throws Exception {
            JsonNode policies = terraform(IamFormat.TERRAFORM.render(breakGlass)).path("resource")
                    .path("aws_iam_policy");

            JsonNode server = policies.path("elevate_server");
            assertThat(server.path("name").asText()).isEqualTo("elevate-server-test");
            assertThat(server.path("//").asText()).startsWith("serverPolicy (elevate-server-test)");
            assertThat(document(server.path("policy"))).isEqualTo(breakGlass.serverPolicy().document());
            assertThat(document(policies.path("elevate_break_glass_instance").path("policy")))
                    .isEqualTo(breakGlass.breakGlassInstancePolicy().orElseThrow().document());
            JsonNode withoutCredential = terraform(IamFormat.TERRAFORM.render(artifacts)).path("resource")
                    .path("aws_iam_policy");
            assertThat(withoutCredential.has("elevate_server")).isTrue();
            assertThat(withoutCredential.has("elevate_break_glass_instance")).isFalse();
        }
    }
}
