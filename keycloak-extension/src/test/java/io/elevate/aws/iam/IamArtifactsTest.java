package io.elevate.aws.iam;

import io.elevate.workflow.ElevationPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import static io.elevate.aws.iam.IamFixtures.demoRealm;
import static io.elevate.aws.iam.IamFixtures.generate;
import static io.elevate.aws.iam.IamFixtures.handWritten;
import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The IAM artifacts of a realm's elevation policies")
class IamArtifactsTest {

    private static final String DEMO_ROLE = "arn:aws:iam::123456789012:role/ElevateSessionManager";

    private static IamOptions slots(int n) {
        return new IamOptions(OptionalInt.of(n), false, false, List.of());
    }

    private static JsonNode statements(JsonNode document) {
        return document.path("Statement");
    }

    private static List<String> sids(JsonNode document) {
        List<String> sids = new ArrayList<>();
        statements(document).forEach(s -> sids.add(s.path("Sid").asText()));
        return sids;
    }

    @Nested
    @DisplayName("given the demo realm's policy")
    class DemoRealm {

        private final RealmExport realm = demoRealm();

        private RoleArtifacts role(IamOptions options) {
            IamArtifacts artifacts = IamArtifacts.generate(realm.realm(), realm.policies(), options, realm::mapper);
            assertThat(artifacts.roles()).singleElement().satisfies(r ->
                    assertThat(r.target().roleArn()).isEqualTo(DEMO_ROLE));
            return artifacts.roles().get(0);
        }

        @Test
        void theTrustPolicyIsTheHandWrittenOne() {
            assertThat(role(IamOptions.defaults()).trustPolicy()).isEqualTo(handWritten("trust-policy.json"));
        }

        @Test
        void withOneSlotThePermissionPolicyIsTheHandWrittenOne() {
            assertThat(role(slots(1)).permissionPolicy())
                    .isEqualTo(handWritten("session-manager-abac-policy.json"));
        }

        @Test
        void takesItsSlotsFromTheAwsClientsMapperAndCopiesTheHandWrittenStatementPerSlot() {
            RoleArtifacts role = role(IamOptions.defaults());
            JsonNode handWritten = handWritten("session-manager-abac-policy.json");

            assertThat(role.slots()).isEqualTo(3);
            assertThat(role.maxSessionSeconds()).isEqualTo(3600);
            assertThat(statements(role.permissionPolicy()).get(0)).isEqualTo(statements(handWritten).get(0));
            assertThat(sids(role.permissionPolicy())).containsExactly(
                    "StartSessionOnlyOnInstancesWhoseTagsMatchTheElevation",
                    "StartSessionOnlyOnInstancesWhoseTagsMatchTheElevationSlot2",
                    "StartSessionOnlyOnInstancesWhoseTagsMatchTheElevationSlot3",
                    "StartSessionWithTheShellDocument", "TerminateAndResumeOnlyOwnSessions",
                    "FindInstancesInTheConsole", "EncryptTheSessionWithItsKey", "NoRoleChainingFromElevatedSessions");
            assertThat(role.notes()).anySatisfy(n -> assertThat(n).startsWith("slots: 3 (from the elevation mapper"));
        }

        @Test
        void fitsAwsLimitsWithRoomToSpare() {
            IamArtifacts artifacts = IamArtifacts.generate(realm.realm(), realm.policies(),
                    new IamOptions(OptionalInt.empty(), false, true, List.of("w-1")), realm::mapper);
            RoleArtifacts.Sizes sizes = artifacts.roles().get(0).sizes();

            assertThat(artifacts.withinLimits()).isTrue();
            assertThat(sizes.trustPolicy()).isEqualTo(IamFixtures.awsSize(artifacts.roles().get(0).trustPolicy()))
                    .isLessThan(Limits.TRUST_POLICY);
            assertThat(sizes.permissionPolicy()).isLessThan(Limits.MANAGED_POLICY);
        }
    }

    @Nested
    @DisplayName("given numbered slots")
    class NumberedSlots {

        private final RoleArtifacts role = generate(List.of(policy("Ops", tags("AppId", "ABC", "Env", "prod"))),
                slots(4)).roles().get(0);

        @Test
        void oneStatementPerSlotComparesThatSlotsKeys() {
            List<JsonNode> tagged = new ArrayList<>();
            statements(role.permissionPolicy()).forEach(s -> {
                if (s.path("Condition").has("StringEquals")) {
                    tagged.add(s);
                }
            });

            assertThat(tagged).hasSize(4);
            for (int slot = 1; slot <= 4; slot++) {
                String n = slot == 1 ? "" : Integer.toString(slot);
                JsonNode condition = tagged.get(slot - 1).path("Condition");
                assertThat(condition.path("StringEquals").properties()).extracting(Map.Entry::getKey)
                        .containsExactly("ssm:resourceTag/AppId", "ssm:resourceTag/Env");
                assertThat(condition.path("StringEquals").path("ssm:resourceTag/AppId").asText())
                        .isEqualTo("${aws:PrincipalTag/AppId" + n + "}");
                assertThat(condition.path("StringEquals").path("ssm:resourceTag/Env").asText())
                        .isEqualTo("${aws:PrincipalTag/Env" + n + "}");
                assertThat(condition.path("Null").path("aws:PrincipalTag/ElevationId" + n).asText()).isEqualTo("false");
                assertThat(condition.path("Null").path("aws:PrincipalTag/AppId" + n).asText()).isEqualTo("false");
            }
        }

        @Test
        void terminateAndResumeOnlyTheCallersOwnSessions() {
            JsonNode terminate = null;
            for (JsonNode s : statements(role.permissionPolicy())) {
                if (s.path("Sid").asText().equals("TerminateAndResumeOnlyOwnSessions")) {
                    terminate = s;
                }
            }
            assertThat(terminate).isNotNull();
            assertThat(terminate.path("Resource").asText()).isEqualTo("arn:aws:ssm:*:*:session/${aws:userid}-*");
        }
    }

    @Nested
    @DisplayName("the revocation policy")
    class Revocation {

        @Test
        void deniesExactlyTheGivenIdsInEverySlot() {
            List<String> ids = List.of("0b1c7e2a-9f3d-4e55-8a61-3c2f0d9e4b11", "w-2", "w-3");
            RoleArtifacts role = generate(List.of(policy("Ops", tags("AppId", "ABC"))),
                    new IamOptions(OptionalInt.of(2), false, false, List.of(ids.get(0), "w-2", "w-3", "w-2")))
                    .roles().get(0);

            JsonNode statements = statements(role.revocationPolicy());
            assertThat(statements).hasSize(2);
            for (int slot = 1; slot <= 2; slot++) {
                JsonNode statement = statements.get(slot - 1);
                assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
                assertThat(statement.path("Action").asText()).isEqualTo("*");
                assertThat(statement.path("Resource").asText()).isEqualTo("*");
                JsonNode equals = statement.path("Condition").path("StringEquals");
                String key = "aws:PrincipalTag/ElevationId" + (slot == 1 ? "" : "2");
                assertThat(equals.properties()).extracting(Map.Entry::getKey).containsExactly(key);
                List<String> denied = new ArrayList<>();
                equals.path(key).forEach(id -> denied.add(id.asText()));
                assertThat(denied).containsExactlyElementsOf(ids);
            }
        }

        @Test
        void withoutRevokedIdsThereIsNoPolicyAndTheArtifactsSaySo() {
            RoleArtifacts role = generate(List.of(policy("Ops", tags("AppId", "ABC"))), IamOptions.defaults())
                    .roles().get(0);

            assertThat(role.revocationPolicy()).isNull();
            assertThat(role.sizes().revocationPolicy()).isZero();
            assertThat(role.notes()).anySatisfy(n -> assertThat(n).startsWith("no revoked ids given: no revocation"));
        }
    }

    @Nested
    @DisplayName("AWS size limits")
    class SizeLimits {

        private Map<String, String> manyTags(int count) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 1; i <= count; i++) {
                tags.put("ApplicationComponentTag" + i, "v" + i);
            }
            return tags;
        }

        @Test
        void aTargetWithManyTagsAndSlotsIsReportedNeverCut() {
            IamArtifacts artifacts = generate(List.of(policy("Ops", manyTags(12))), slots(6));
            RoleArtifacts role = artifacts.roles().get(0);
            int size = IamFixtures.awsSize(role.permissionPolicy());

            assertThat(size).isGreaterThan(Limits.MANAGED_POLICY);
            assertThat(statements(role.permissionPolicy())).hasSize(6 + 3 + 2);
            assertThat(artifacts.withinLimits()).isFalse();
            assertThat(artifacts.overflows()).singleElement().satisfies(overflow -> {
                assertThat(overflow.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/Ops");
                assertThat(overflow.document()).isEqualTo("permissionPolicy");
                assertThat(overflow.maximum()).isEqualTo(6144);
                assertThat(overflow.size()).isEqualTo(size);
                assertThat(overflow.over()).isEqualTo(size - 6144);
                assertThat(overflow.message()).contains("permissionPolicy", "arn:aws:iam::123456789012:role/Ops",
                        String.format("%,d over the managed policy limit of 6,144", size - 6144));
            });
            assertThat(artifacts.overflowViolations()).singleElement().satisfies(v ->
                    assertThat(v.field()).isEqualTo("arn:aws:iam::123456789012:role/Ops permissionPolicy"));
        }

        @Test
        void tooManyRevokedIdsBreakTheInlineLimit() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ids.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString());
            }
            IamArtifacts artifacts = generate(List.of(policy("Ops", tags("AppId", "ABC"))),
                    new IamOptions(OptionalInt.of(3), false, false, ids));

            assertThat(artifacts.overflows()).singleElement().satisfies(overflow -> {
                assertThat(overflow.document()).isEqualTo("revocationPolicy");
                assertThat(overflow.maximum()).isEqualTo(10_240);
                assertThat(overflow.size()).isEqualTo(IamFixtures.awsSize(artifacts.roles().get(0).revocationPolicy()));
            });
        }
    }

    @Nested
    @DisplayName("optional templates")
    class Templates {

        private final List<ElevationPolicy> policies =
                List.of(policy("Ops", tags("AppId", "ABC")));

        @Test
        void areOffUnlessAsked() {
            String policy = generate(policies, IamOptions.defaults()).roles().get(0).permissionPolicy().toString();
            assertThat(policy).doesNotContain("secretsmanager:", "rds:");
        }

        @Test
        void secretsManagerReadsOnlySecretsWhoseTagsMatch() {
            JsonNode document = generate(policies, new IamOptions(OptionalInt.of(1), true, false, List.of()))
                    .roles().get(0).permissionPolicy();
            JsonNode read = statements(document).get(4);

            assertThat(read.path("Sid").asText()).isEqualTo("ReadSecretsWhoseTagsMatchTheElevation");
            assertThat(read.path("Action").toString())
                    .isEqualTo("[\"secretsmanager:GetSecretValue\",\"secretsmanager:DescribeSecret\"]");
            assertThat(read.path("Resource").asText()).isEqualTo("arn:aws:secretsmanager:*:123456789012:secret:*");
            assertThat(read.path("Condition").path("StringEquals").path("secretsmanager:ResourceTag/AppId").asText())
                    .isEqualTo("${aws:PrincipalTag/AppId}");
        }

        @Test
        void rdsRebootsAndFailsOverOnlyDatabasesWhoseTagsMatch() {
            JsonNode document = generate(policies, new IamOptions(OptionalInt.of(2), false, true, List.of()))
                    .roles().get(0).permissionPolicy();

            assertThat(sids(document)).contains("RebootAndFailOverDatabasesWhoseTagsMatchTheElevation",
                    "RebootAndFailOverDatabasesWhoseTagsMatchTheElevationSlot2", "FindDatabasesInTheConsole");
            JsonNode slot2 = statements(document).get(6);
            assertThat(slot2.path("Action").toString()).contains("rds:RebootDBInstance", "rds:FailoverDBCluster");
            assertThat(slot2.path("Condition").path("StringEquals").path("aws:ResourceTag/AppId").asText())
                    .isEqualTo("${aws:PrincipalTag/AppId2}");
        }
    }

    @Nested
    @DisplayName("given several policies")
    class SeveralPolicies {

        @Test
        void groupsThemByAccountAndRole() {
            IamArtifacts artifacts = generate(List.of(
                    policy("a", "123456789012", "Web", "Keycloak", tags("AppId", "A")),
                    policy("b", "123456789012", "Db", "Keycloak", tags("AppId", "B")),
                    policy("c", "210987654321", "Web", "Keycloak", tags("AppId", "C")),
                    policy("d", "123456789012", "Web", "Other", tags("AppId", "D"))), IamOptions.defaults());

            assertThat(artifacts.roles()).extracting(r -> r.target().roleArn()).containsExactly(
                    "arn:aws:iam::123456789012:role/Db", "arn:aws:iam::123456789012:role/Web",
                    "arn:aws:iam::210987654321:role/Web");
            RoleArtifacts web = artifacts.roles().get(1);
            assertThat(web.target().policyNames()).containsExactly("a", "d");
            assertThat(statements(web.trustPolicy()).get(0).path("Principal").path("Federated").toString())
                    .isEqualTo("[\"arn:aws:iam::123456789012:saml-provider/Keycloak\","
                            + "\"arn:aws:iam::123456789012:saml-provider/Other\"]");
            assertThat(statements(web.permissionPolicy())).hasSize(6);
        }

        @Test
        void aWindowWithMoreTagsNeverMatchesTheStatementOfFewer() {
            RoleArtifacts role = generate(List.of(
                    policy("wide", "123456789012", "Ops", "Keycloak", tags("AppId", "A")),
                    policy("narrow", "123456789012", "Ops", "Keycloak", tags("AppId", "A", "Env", "prod"))),
                    slots(1)).roles().get(0);

            JsonNode wide = statements(role.permissionPolicy()).get(0);
            JsonNode narrow = statements(role.permissionPolicy()).get(1);
            assertThat(wide.path("Sid").asText()).isEqualTo("StartSessionOnlyOnInstancesWhoseTagsMatchTheElevationSet1");
            assertThat(wide.path("Condition").path("Null").path("aws:PrincipalTag/Env").asText()).isEqualTo("true");
            assertThat(narrow.path("Condition").path("StringEquals").path("ssm:resourceTag/Env").asText())
                    .isEqualTo("${aws:PrincipalTag/Env}");
            assertThat(narrow.path("Condition").path("Null").path("aws:PrincipalTag/Env").asText()).isEqualTo("false");
        }
    }
}
