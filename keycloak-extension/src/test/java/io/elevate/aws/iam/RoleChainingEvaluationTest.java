package io.elevate.aws.iam;

import io.elevate.aws.iam.PolicySimulator.Decision;
import io.elevate.aws.iam.PolicySimulator.Request;
import io.elevate.signin.ElevationMapperConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static io.elevate.aws.iam.PolicySimulator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role chaining from an elevated session, by IAM's evaluation logic: denied unless the AWS client's elevation mapper
 * makes the session tags transitive, and then the revocation policy still catches the chained session.
 */
@DisplayName("Role chaining from an elevated session, evaluated")
class RoleChainingEvaluationTest {

    private static final String ELEVATION = "6f1c2a9e-3b7d-4e5f-8a90-1b2c3d4e5f60";
    private static final String OTHER_ROLE = "arn:aws:iam::210987654321:role/Admin";
    /** What else the role may be granted by its owner: assume any role. */
    private static final JsonNode ALLOW_ASSUME_ROLE = json("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}""");

    private static RoleArtifacts role(Map<String, String> mapper, List<String> revoked) {
        return IamArtifacts.generate("test", List.of(policy("Ops", tags("AppId", "ABC"))),
                new IamOptions(OptionalInt.of(1), false, false, revoked),
                clientId -> Optional.of(ElevationMapperConfig.of(mapper))).roles().get(0);
    }

    private static Request assumeRole(Map<String, String> principalTags) {
        Map<String, String> context = new LinkedHashMap<>();
        principalTags.forEach((k, v) -> context.put("aws:PrincipalTag/" + k, v));
        return new Request("sts:AssumeRole", OTHER_ROLE, context);
    }

    @Nested
    @DisplayName("given the default: tags not transitive")
    class Denied {

        private final RoleArtifacts role = role(Map.of(), List.of());

        @Test
        void anElevatedSessionCannotAssumeAnotherRoleEvenWhenAnotherPolicyAllowsIt() {
            assertThat(evaluate(assumeRole(tags("AppId", "ABC", "ElevationId", ELEVATION)),
                    role.permissionPolicy(), ALLOW_ASSUME_ROLE)).isEqualTo(Decision.EXPLICIT_DENY);
            assertThat(role.notes()).anySatisfy(note -> assertThat(note).startsWith("role chaining: denied"));
        }

        @Test
        void theDenyKeysOnTheElevationIdAndLeavesShellsAlone() {
            assertThat(evaluate(assumeRole(tags("AppId", "ABC")), role.permissionPolicy(), ALLOW_ASSUME_ROLE))
                    .isEqualTo(Decision.ALLOW);
            Map<String, String> context = new LinkedHashMap<>();
            context.put("aws:PrincipalTag/AppId", "ABC");
            context.put("aws:PrincipalTag/ElevationId", ELEVATION);
            context.put("ssm:resourceTag/AppId", "ABC");
            assertThat(evaluate(new Request("ssm:StartSession",
                    "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890", context),
                    role.permissionPolicy())).isEqualTo(Decision.ALLOW);
        }
    }

    @Nested
    @DisplayName("given an AWS client whose mapper makes the tags transitive")
    class Transitive {

        private final RoleArtifacts role = role(Map.of("transitiveTags", "true"), List.of(ELEVATION));

        @Test
        void chainingIsLeftToTheRolesOtherPolicies() {
            assertThat(evaluate(assumeRole(tags("AppId", "ABC", "ElevationId", ELEVATION)),
                    role.permissionPolicy(), ALLOW_ASSUME_ROLE)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(assumeRole(tags("AppId", "ABC", "ElevationId", ELEVATION)), role.permissionPolicy()))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(role.notes()).anySatisfy(note -> assertThat(note).startsWith("role chaining: allowed"));
        }

        @Test
        void theRevocationPolicyOnTheChainedRoleCatchesTheChainedSessionThroughItsTransitiveElevationId() {
            Request anything = new Request("s3:GetObject", "arn:aws:s3:::bucket/key",
                    Map.of("aws:PrincipalTag/ElevationId", ELEVATION));

            assertThat(evaluate(anything, ALLOW_ANYTHING, role.revocationPolicy())).isEqualTo(Decision.EXPLICIT_DENY);
        }
    }

    private static final JsonNode ALLOW_ANYTHING = json("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""");

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
