package io.elevate.aws.iam;

import io.elevate.aws.iam.PolicySimulator.Decision;
import io.elevate.aws.iam.PolicySimulator.Request;
import io.elevate.aws.SessionTags;
import io.elevate.signin.ElevationMapperConfig;
import io.elevate.window.ElevationWindow;
import io.elevate.window.TestWindows;
import io.elevate.workflow.ElevationPolicy;

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
 * Role chaining from an elevated session, by IAM's evaluation logic: the permission policy denies it unless the
 * session carries {@code ElevationChaining=allowed}, which the assertion carries (with every tag transitive) only when
 * every window of the session was asked for under a policy that allows role chaining; then the revocation policy still
 * catches the chained session through its transitive ElevationId.
 */
@DisplayName("Role chaining from an elevated session, evaluated")
class RoleChainingEvaluationTest {

    private static final String ELEVATION = "6f1c2a9e-3b7d-4e5f-8a90-1b2c3d4e5f60";
    private static final String OTHER_ROLE = "arn:aws:iam::210987654321:role/Admin";
    /** What else the role may be granted by its owner: assume any role. */
    private static final JsonNode ALLOW_ASSUME_ROLE = json("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}""");

    private static RoleArtifacts role(List<ElevationPolicy> policies, List<String> revoked) {
        return IamArtifacts.generate("test", policies, new IamOptions(OptionalInt.of(1), false, false, revoked),
                clientId -> Optional.of(ElevationMapperConfig.of(Map.of()))).roles().get(0);
    }

    private static ElevationPolicy chainingPolicy() {
        return policy("Ops", tags("AppId", "ABC"), Map.of("roleChaining", "true"));
    }

    /** The session an assertion of these windows starts: its principal tags, as Elevate writes them. */
    private static Map<String, String> sessionTags(ElevationWindow window) {
        Map<String, String> tags = new LinkedHashMap<>();
        SessionTags.of(List.of(window)).forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    private static Request assumeRole(Map<String, String> principalTags) {
        Map<String, String> context = new LinkedHashMap<>();
        principalTags.forEach((k, v) -> context.put("aws:PrincipalTag/" + k, v));
        return new Request("sts:AssumeRole", OTHER_ROLE, context);
    }

    @Nested
    @DisplayName("given the default: no policy of the role allows chaining")
    class Denied {

        private final RoleArtifacts role = role(List.of(policy("Ops", tags("AppId", "ABC"))), List.of());
        private final ElevationWindow window = TestWindows.window(ELEVATION,
                policy("Ops", tags("AppId", "ABC")).target((String) null), TestWindows.NOW,
                TestWindows.NOW.plusSeconds(3600));

        @Test
        void anElevatedSessionCannotAssumeAnotherRoleEvenWhenAnotherPolicyAllowsIt() {
            assertThat(sessionTags(window)).doesNotContainKey("ElevationChaining");
            assertThat(evaluate(assumeRole(sessionTags(window)), role.permissionPolicy(), ALLOW_ASSUME_ROLE))
                    .isEqualTo(Decision.EXPLICIT_DENY);
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

        @Test
        void aChainingTagWithAnyOtherValueIsDeniedToo() {
            for (String value : List.of("yes", "Allowed", "ALLOWED", "")) {
                Map<String, String> forged = new LinkedHashMap<>(sessionTags(window));
                forged.put("ElevationChaining", value);
                assertThat(evaluate(assumeRole(forged), role.permissionPolicy(), ALLOW_ASSUME_ROLE))
                        .as(value).isEqualTo(Decision.EXPLICIT_DENY);
            }
        }

        @Test
        void noTagOfTheSessionIsTransitive() {
            assertThat(SessionTags.transitiveKeys(List.of(window))).isEmpty();
        }
    }

    @Nested
    @DisplayName("given a policy that allows role chaining beside one that does not, on the same role")
    class PerPolicy {

        private final RoleArtifacts role = role(List.of(chainingPolicy(),
                policy("Ops strict policy", "123456789012", "Ops", "Keycloak", tags("AppId", "ABC"))),
                List.of(ELEVATION));
        private final ElevationWindow chaining = TestWindows.window(ELEVATION, chainingPolicy().target((String) null),
                TestWindows.NOW, TestWindows.NOW.plusSeconds(3600));
        private final ElevationWindow strict = TestWindows.window("7a2b3c4d-0000-4000-8000-000000000001",
                policy("Ops", tags("AppId", "ABC")).target((String) null), TestWindows.NOW,
                TestWindows.NOW.plusSeconds(3600));

        @Test
        void aSessionOfTheChainingPolicyMayChainWhereTheRolesOtherPoliciesAllowIt() {
            assertThat(sessionTags(chaining)).containsEntry("ElevationChaining", "allowed");
            assertThat(evaluate(assumeRole(sessionTags(chaining)), role.permissionPolicy(), ALLOW_ASSUME_ROLE))
                    .isEqualTo(Decision.ALLOW);
            assertThat(evaluate(assumeRole(sessionTags(chaining)), role.permissionPolicy()))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(role.notes()).anySatisfy(note -> assertThat(note)
                    .startsWith("role chaining: allowed only to sessions of the windows of [Ops policy]"));
        }

        @Test
        void aSessionOfTheOtherPolicyMayNot() {
            assertThat(evaluate(assumeRole(sessionTags(strict)), role.permissionPolicy(), ALLOW_ASSUME_ROLE))
                    .isEqualTo(Decision.EXPLICIT_DENY);
        }

        @Test
        void theRevocationPolicyOnTheChainedRoleCatchesTheChainedSessionThroughItsTransitiveElevationId() {
            // the chained session keeps exactly the transitive tags of the elevated one
            List<String> transitive = SessionTags.transitiveKeys(List.of(chaining));
            assertThat(transitive).contains("ElevationId", "ElevationChaining");
            Map<String, String> chained = new LinkedHashMap<>();
            sessionTags(chaining).forEach((k, v) -> {
                if (transitive.contains(k)) {
                    chained.put("aws:PrincipalTag/" + k, v);
                }
            });
            Request anything = new Request("s3:GetObject", "arn:aws:s3:::bucket/key", chained);

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
