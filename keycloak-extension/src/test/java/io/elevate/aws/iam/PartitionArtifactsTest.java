package io.elevate.aws.iam;

import io.elevate.signin.ElevationMapperConfig;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.Policies;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("IAM artifacts of a policy in another partition")
class PartitionArtifactsTest {

    @Nested
    @DisplayName("given a policy in an AWS GovCloud (US) region")
    class GovCloud {

        private final RoleArtifacts role = IamFixtures.generate(List.of(policy("us-gov-west-1")), IamOptions.defaults())
                .roles().get(0);

        @Test
        void namesTheRoleAndTrustsTheProviderAndSignInEndpointOfGovCloud() {
            assertThat(role.target().roleArn()).isEqualTo("arn:aws-us-gov:iam::123456789012:role/Ops");
            JsonNode trust = role.trustPolicy().path("Statement").get(0);
            assertThat(trust.path("Principal").path("Federated").asText())
                    .isEqualTo("arn:aws-us-gov:iam::123456789012:saml-provider/Keycloak");
            assertThat(trust.path("Condition").path("StringEquals").path("SAML:aud").asText())
                    .isEqualTo("https://signin.amazonaws-us-gov.com/saml");
        }

        @Test
        void everyArnOfThePermissionPolicyIsInGovCloud() {
            assertThat(arns(role.permissionPolicy())).isNotEmpty()
                    .allSatisfy(arn -> assertThat(arn).matches("\\*|arn:aws-us-gov:.*"));
        }

        @Test
        void everyArnOfTheManagedNodesLoggingPolicyIsInGovCloud() {
            IamArtifacts artifacts = IamFixtures.generate(List.of(policy("us-gov-west-1")), new IamOptions(
                    java.util.OptionalInt.empty(), false, false, List.of(), new SessionSettings(
                    Optional.of("/elevate/session-manager"), Optional.of("ops-shell-logs"), "",
                    "1234abcd-12ab-34cd-56ef-1234567890ab", 20)));

            assertThat(arns(artifacts.sessionPreferences().get(0).nodePolicy().document())).hasSize(6)
                    .allSatisfy(arn -> assertThat(arn).startsWith("arn:aws-us-gov:"))
                    .contains("arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/elevate/session-manager:*",
                            "arn:aws-us-gov:s3:::ops-shell-logs/*",
                            "arn:aws-us-gov:kms:*:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        }
    }

    @Nested
    @DisplayName("given a policy in a China region")
    class China {

        @Test
        void everyArnIsInTheChinaPartitionAndTheAudienceIsItsSignInEndpoint() {
            RoleArtifacts role = IamFixtures.generate(List.of(policy("cn-north-1")), IamOptions.defaults())
                    .roles().get(0);

            assertThat(role.target().roleArn()).isEqualTo("arn:aws-cn:iam::123456789012:role/Ops");
            assertThat(arns(role.permissionPolicy())).allSatisfy(arn -> assertThat(arn).matches("\\*|arn:aws-cn:.*"));
            assertThat(role.trustPolicy().path("Statement").get(0).path("Condition").path("StringEquals")
                    .path("SAML:aud").asText()).isEqualTo("https://signin.amazonaws.cn/saml");
        }
    }

    @Nested
    @DisplayName("given an AWS client that keeps a regional endpoint for failover")
    class RegionalEndpoints {

        @Test
        void theTrustPolicyListsEveryEndpointInSamlAud() {
            ElevationMapperConfig failover = ElevationMapperConfig.of(Map.of("signInEndpoints",
                    "https://signin.aws.amazon.com/saml##https://eu-central-1.signin.aws.amazon.com/saml"));
            RoleArtifacts role = IamArtifacts.generate("test", List.of(policy("eu-west-1")), IamOptions.defaults(),
                    clientId -> Optional.of(failover)).roles().get(0);

            JsonNode audience = role.trustPolicy().path("Statement").get(0).path("Condition").path("StringEquals")
                    .path("SAML:aud");
            assertThat(audience.isArray()).isTrue();
            assertThat(audience).extracting(JsonNode::asText).containsExactly("https://signin.aws.amazon.com/saml",
                    "https://eu-central-1.signin.aws.amazon.com/saml");
            assertThat(role.notes()).anySatisfy(note -> assertThat(note).startsWith("SAML:aud: 2 sign-in endpoints"));
        }
    }

    private static ElevationPolicy policy(String region) {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put("accountId", List.of("123456789012"));
        config.put("roleName", List.of("Ops"));
        config.put("samlProvider", List.of("Keycloak"));
        config.put("region", List.of(region));
        config.put("tags", List.of("[{\"key\": \"AppId\", \"value\": \"ABC\"}]"));
        config.put("eligibleGroups", List.of("/operators"));
        config.put("approverGroups", List.of("/approvers"));
        return Policies.fromConfig("ops", "ops", config);
    }

    private static List<String> arns(JsonNode document) {
        List<String> arns = new ArrayList<>();
        document.path("Statement").forEach(statement -> {
            JsonNode resource = statement.path("Resource");
            if (resource.isArray()) {
                resource.forEach(r -> arns.add(r.asText()));
            } else if (!resource.isMissingNode()) {
                arns.add(resource.asText());
            }
        });
        return arns;
    }
}
