package io.elevate.aws.iam;

import io.elevate.aws.iam.PolicySimulator.Decision;
import io.elevate.aws.iam.PolicySimulator.Request;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import static io.elevate.aws.iam.IamFixtures.generate;
import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static io.elevate.aws.iam.PolicySimulator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the generated documents let a session do, by IAM's evaluation logic ({@link PolicySimulator}): the request an
 * operator's Session Manager makes, with the session's principal tags and the instance's resource tags.
 */
@DisplayName("Generated IAM policies, evaluated")
class GeneratedPoliciesEvaluationTest {

    private static final String INSTANCE = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890";
    private static final String ELEVATION = "6f1c2a9e-3b7d-4e5f-8a90-1b2c3d4e5f60";

    private static RoleArtifacts role(int slots, List<String> revoked) {
        IamArtifacts artifacts = generate(List.of(policy("Ops", tags("AppGroupName", "webserver", "AppId", "ABC"))),
                new IamOptions(OptionalInt.of(slots), false, false, revoked));
        return artifacts.roles().get(0);
    }

    /** Session Manager's StartSession on the instance, by a session with these principal tags. */
    private static Request startSession(Map<String, String> principalTags, Map<String, String> instanceTags) {
        Map<String, String> context = new LinkedHashMap<>();
        principalTags.forEach((k, v) -> context.put("aws:PrincipalTag/" + k, v));
        instanceTags.forEach((k, v) -> context.put("ssm:resourceTag/" + k, v));
        context.put("aws:userid", "AROAEXAMPLE:operator");
        return new Request("ssm:StartSession", INSTANCE, context);
    }

    private static Decision decide(RoleArtifacts role, Request request) {
        JsonNode revocation = role.revocationPolicy();
        return evaluate(request, role.permissionPolicy(), revocation);
    }

    @Nested
    @DisplayName("the ABAC permission policy")
    class Abac {

        private final RoleArtifacts role = role(1, List.of());

        @Test
        void allowsStartSessionOnAnInstanceWhoseTagsMatchTheSessionTags() {
            Request request = startSession(tags("AppGroupName", "webserver", "AppId", "ABC", "ElevationId", ELEVATION),
                    tags("AppGroupName", "webserver", "AppId", "ABC", "Name", "web-1"));

            assertThat(decide(role, request)).isEqualTo(Decision.ALLOW);
        }

        @Test
        void deniesAnInstanceWithAnotherTagValue() {
            Request request = startSession(tags("AppGroupName", "webserver", "AppId", "ABC", "ElevationId", ELEVATION),
                    tags("AppGroupName", "webserver", "AppId", "XYZ"));

            assertThat(decide(role, request)).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void deniesAnInstanceMissingATag() {
            Request request = startSession(tags("AppGroupName", "webserver", "AppId", "ABC", "ElevationId", ELEVATION),
                    tags("AppGroupName", "webserver"));

            assertThat(decide(role, request)).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void deniesASessionWithoutElevationTagsEvenOnAnUntaggedInstance() {
            assertThat(decide(role, startSession(Map.of(), Map.of()))).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(decide(role, startSession(tags("AppGroupName", "webserver", "AppId", "ABC"),
                    tags("AppGroupName", "webserver", "AppId", "ABC")))).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void terminatesOnlyTheCallersOwnSessions() {
            Map<String, String> context = Map.of("aws:userid", "AROAEXAMPLE:operator");
            String own = "arn:aws:ssm:eu-west-1:123456789012:session/AROAEXAMPLE:operator-0a1b2c3d4e5f";
            String other = "arn:aws:ssm:eu-west-1:123456789012:session/AROAEXAMPLE:approver-0a1b2c3d4e5f";

            assertThat(evaluate(new Request("ssm:TerminateSession", own, context), role.permissionPolicy()))
                    .isEqualTo(Decision.ALLOW);
            assertThat(evaluate(new Request("ssm:TerminateSession", other, context), role.permissionPolicy()))
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void withNumberedSlotsEachSlotOpensOnlyTheInstancesOfItsOwnTags() {
            RoleArtifacts numbered = role(3, List.of());
            Map<String, String> session = tags("AppGroupName", "webserver", "AppId", "ABC", "ElevationId", ELEVATION,
                    "AppGroupName2", "database", "AppId2", "DB1", "ElevationId2", UUID.randomUUID().toString());

            assertThat(decide(numbered, startSession(session, tags("AppGroupName", "database", "AppId", "DB1"))))
                    .isEqualTo(Decision.ALLOW);
            assertThat(decide(numbered, startSession(session, tags("AppGroupName", "database", "AppId", "ABC"))))
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }
    }

    @Nested
    @DisplayName("the revocation policy")
    class Revocation {

        private final String revoked = UUID.randomUUID().toString();
        private final RoleArtifacts role = role(3, List.of(revoked));

        @Test
        void deniesEverythingToASessionOfTheRevokedElevation() {
            Request request = startSession(tags("AppGroupName", "webserver", "AppId", "ABC", "ElevationId", revoked),
                    tags("AppGroupName", "webserver", "AppId", "ABC"));

            assertThat(decide(role, request)).isEqualTo(Decision.EXPLICIT_DENY);
            assertThat(evaluate(new Request("ssm:DescribeSessions", "*", request.context()), role.permissionPolicy(),
                    role.revocationPolicy())).isEqualTo(Decision.EXPLICIT_DENY);
        }

        @Test
        void deniesTheRevokedElevationInAnyNumberedSlot() {
            Request request = startSession(tags("AppGroupName", "webserver", "AppId", "ABC", "ElevationId", ELEVATION,
                    "AppGroupName2", "webserver", "AppId2", "ABC", "ElevationId2", revoked),
                    tags("AppGroupName", "webserver", "AppId", "ABC"));

            assertThat(decide(role, request)).isEqualTo(Decision.EXPLICIT_DENY);
        }

        @Test
        void leavesEveryOtherElevationAsItWas() {
            Request request = startSession(tags("AppGroupName", "webserver", "AppId", "ABC", "ElevationId", ELEVATION),
                    tags("AppGroupName", "webserver", "AppId", "ABC"));

            assertThat(decide(role, request)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request, role.revocationPolicy())).isEqualTo(Decision.IMPLICIT_DENY);
        }
    }

    @Nested
    @DisplayName("sizes")
    class Sizes {

        /**
         * Nine slots of two tags fit the managed policy limit; every StartSession statement carries the session
         * document access check, so the tenth no longer does ({@link #theTenthSlotOfTwoTagsIsReportedNotCut}).
         */
        @ParameterizedTest(name = "{0} slots and {0} revoked ids")
        @ValueSource(ints = {1, 5, 9})
        void stayWithinAwsLimitsForTwoTagsUpToNineSlots(int count) {
            List<String> revoked = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                revoked.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString());
            }
            IamArtifacts artifacts = generate(List.of(policy("Ops", tags("AppGroupName", "webserver", "AppId", "ABC"))),
                    new IamOptions(OptionalInt.of(count), false, false, revoked));
            RoleArtifacts role = artifacts.roles().get(0);

            assertThat(artifacts.overflows()).isEmpty();
            assertThat(IamFixtures.awsSize(role.permissionPolicy())).isLessThanOrEqualTo(Limits.MANAGED_POLICY);
            assertThat(IamFixtures.awsSize(role.revocationPolicy())).isLessThanOrEqualTo(Limits.INLINE_POLICIES);
            assertThat(IamFixtures.awsSize(role.trustPolicy())).isLessThanOrEqualTo(Limits.TRUST_POLICY);
        }

        @Test
        void theTenthSlotOfTwoTagsIsReportedNotCut() {
            IamArtifacts artifacts = generate(List.of(policy("Ops", tags("AppGroupName", "webserver", "AppId", "ABC"))),
                    new IamOptions(OptionalInt.of(IamOptions.MAX_SLOTS), false, false, List.of()));

            assertThat(artifacts.overflows()).singleElement().satisfies(overflow ->
                    assertThat(overflow.document()).isEqualTo("permissionPolicy"));
        }
    }
}
