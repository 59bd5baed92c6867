package io.elevate.aws.iam;

import io.elevate.aws.iam.PolicySimulator.Decision;
import io.elevate.aws.iam.PolicySimulator.Request;
import io.elevate.workflow.ElevationPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.elevate.aws.iam.IamFixtures.demoRealm;
import static io.elevate.aws.iam.IamFixtures.generate;
import static io.elevate.aws.iam.IamFixtures.policy;
import static io.elevate.aws.iam.IamFixtures.tags;
import static io.elevate.aws.iam.PolicySimulator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

/** The realm-level documents: the Keycloak server's own policy and the break-glass instances' policy, evaluated. */
@DisplayName("The server's IAM policy")
class ServerPolicyTest {

    private static final String ACCOUNT = "123456789012";
    private static final String DEMO_ROLE = "arn:aws:iam::123456789012:role/ElevateSessionManager";
    private static final String INSTANCE = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0";
    private static final String OTHER_INSTANCE = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0fedcba9876543210";
    private static final String PARAMETER = "arn:aws:ssm:eu-west-1:123456789012:parameter/elevate/break-glass/w-1";
    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:elevate-notices";

    private static Request request(String action, String resource, String... context) {
        return new Request(action, resource, tags(context));
    }

    private static List<String> sids(JsonNode document) {
        List<String> sids = new ArrayList<>();
        document.path("Statement").forEach(s -> sids.add(s.path("Sid").asText()));
        return sids;
    }

    private static JsonNode serverPolicy(ElevationPolicy... policies) {
        return generate(List.of(policies), IamOptions.defaults()).serverPolicy().document();
    }

    private static Map<String, String> breakGlass(String... more) {
        Map<String, String> settings = new LinkedHashMap<>(tags("breakGlassGroup", "/break-glass",
                "osCredential", "true", "osCredentialKmsKeyId", KEY));
        settings.putAll(tags(more));
        return settings;
    }

    @Nested
    @DisplayName("given the demo realm")
    class DemoRealm {

        private final RealmExport realm = demoRealm();
        private final IamArtifacts artifacts = IamArtifacts.generate(realm.realm(), realm.policies(),
                IamOptions.defaults(), realm::mapper, realm.snsTopicArn());

        @Test
        void allowsChangingTheRevocationPolicyOfTheDemoRoleOnly() {
            JsonNode policy = artifacts.serverPolicy().document();

            assertThat(evaluate(request("iam:PutRolePolicy", DEMO_ROLE), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("iam:DeleteRolePolicy", DEMO_ROLE), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("iam:GetRolePolicy", DEMO_ROLE), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/Admin"), policy))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("iam:AttachRolePolicy", DEMO_ROLE), policy)).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void hasOnlyTheRevocationStatementSinceTheDemoUsesNoOtherAwsFeature() {
            assertThat(realm.snsTopicArn()).isNull();
            assertThat(sids(artifacts.serverPolicy().document()))
                    .containsExactly("ManageTheRevocationPolicyOfElevateRoles");
            assertThat(artifacts.serverPolicy().name()).isEqualTo("elevate-server-elevate-demo");
            assertThat(artifacts.serverPolicy().notes()).anySatisfy(n -> assertThat(n).contains("no sns:Publish"));
            assertThat(artifacts.breakGlassInstancePolicy()).isEmpty();
        }

        @Test
        void fitsTheManagedPolicyLimit() {
            assertThat(artifacts.withinLimits()).isTrue();
            assertThat(artifacts.serverPolicy().size()).isLessThan(Limits.MANAGED_POLICY);
        }
    }

    @Nested
    @DisplayName("given instance tag discovery")
    class Discovery {

        @Test
        void ec2DiscoveryAllowsDescribeInstancesInThePolicysRegion() {
            JsonNode policy = serverPolicy(policy("Ops", tags("AppId", "ABC"), tags("instanceTags", "ec2")));

            assertThat(sids(policy)).contains("LookUpInstanceTagsInEc2").doesNotContain("LookUpInstanceTagsInAwsConfig");
            assertThat(evaluate(request("ec2:DescribeInstances", "*", "aws:RequestedRegion", "eu-west-1"), policy))
                    .isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("ec2:DescribeInstances", "*", "aws:RequestedRegion", "us-east-1"), policy))
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void withoutDiscoveryNoInstanceLookupIsAllowed() {
            JsonNode policy = serverPolicy(policy("Ops", tags("AppId", "ABC")));

            assertThat(policy.toString()).doesNotContain("ec2:", "config:");
            assertThat(evaluate(request("ec2:DescribeInstances", "*", "aws:RequestedRegion", "eu-west-1"), policy))
                    .isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void configDiscoveryAllowsSelectResourceConfigOnly() {
            JsonNode policy = serverPolicy(policy("Ops", tags("AppId", "ABC"), tags("instanceTags", "config")));

            assertThat(evaluate(request("config:SelectResourceConfig", "*", "aws:RequestedRegion", "eu-west-1"),
                    policy)).isEqualTo(Decision.ALLOW);
            assertThat(policy.toString()).doesNotContain("ec2:DescribeInstances");
        }
    }

    @Nested
    @DisplayName("given a break-glass OS credential on listed instances")
    class BreakGlassOnListedInstances {

        private final IamArtifacts artifacts = generate(List.of(policy("Ops", tags("AppId", "ABC"),
                breakGlass("instanceIds", "i-0123456789abcdef0"))), IamOptions.defaults());
        private final JsonNode policy = artifacts.serverPolicy().document();

        @Test
        void allowsSendCommandWithTheShellDocumentOnTheListedInstanceOnly() {
            assertThat(evaluate(request("ssm:SendCommand", INSTANCE), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("ssm:SendCommand", OTHER_INSTANCE), policy)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:SendCommand", "arn:aws:ssm:eu-west-1::document/AWS-RunShellScript"),
                    policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("ssm:SendCommand", "arn:aws:ssm:eu-west-1::document/AWS-RunPowerShellScript"),
                    policy)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:SendCommand",
                    "arn:aws:ssm:eu-west-1:123456789012:document/SomeoneElsesDocument"), policy))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:GetCommandInvocation", "*", "aws:RequestedRegion", "eu-west-1"), policy))
                    .isEqualTo(Decision.ALLOW);
        }

        @Test
        void allowsReadingAndDeletingOnlyTheBreakGlassParameters() {
            assertThat(evaluate(request("ssm:GetParameter", PARAMETER), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("ssm:DeleteParameter", PARAMETER), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("ssm:GetParameter",
                    "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db-password"), policy))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:PutParameter", PARAMETER), policy)).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void allowsDecryptingWithTheKeyOnlyThroughSsmForTheBreakGlassParameters() {
            assertThat(evaluate(request("kms:Decrypt", KEY, "kms:ViaService", "ssm.eu-west-1.amazonaws.com",
                    "kms:EncryptionContext:PARAMETER_ARN", PARAMETER), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("kms:Decrypt", KEY, "kms:EncryptionContext:PARAMETER_ARN", PARAMETER), policy))
                    .as("not through SSM").isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("kms:Decrypt", KEY, "kms:ViaService", "ssm.eu-west-1.amazonaws.com",
                    "kms:EncryptionContext:PARAMETER_ARN",
                    "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db-password"), policy))
                    .as("another parameter").isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/other",
                    "kms:ViaService", "ssm.eu-west-1.amazonaws.com", "kms:EncryptionContext:PARAMETER_ARN", PARAMETER),
                    policy)).as("another key").isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void theInstancesMayStoreAndEncryptTheBreakGlassPasswordOnly() {
            JsonNode instance = artifacts.breakGlassInstancePolicy().orElseThrow().document();

            assertThat(evaluate(request("ssm:PutParameter", PARAMETER), instance)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("ssm:PutParameter",
                    "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db-password"), instance))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:GetParameter", PARAMETER), instance)).isEqualTo(Decision.IMPLICIT_DENY);
            for (String action : List.of("kms:Encrypt", "kms:GenerateDataKey")) {
                assertThat(evaluate(request(action, KEY, "kms:ViaService", "ssm.eu-west-1.amazonaws.com",
                        "kms:EncryptionContext:PARAMETER_ARN", PARAMETER), instance)).isEqualTo(Decision.ALLOW);
            }
            assertThat(evaluate(request("kms:Decrypt", KEY, "kms:ViaService", "ssm.eu-west-1.amazonaws.com",
                    "kms:EncryptionContext:PARAMETER_ARN", PARAMETER), instance)).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void withoutAnOsCredentialThereIsNoSsmNorKmsNorInstancePolicy() {
            IamArtifacts none = generate(List.of(policy("Ops", tags("AppId", "ABC"),
                    tags("instanceIds", "i-0123456789abcdef0", "breakGlassGroup", "/break-glass"))),
                    IamOptions.defaults());

            assertThat(none.serverPolicy().document().toString()).doesNotContain("ssm:", "kms:");
            assertThat(none.breakGlassInstancePolicy()).isEmpty();
        }
    }

    @Nested
    @DisplayName("given a break-glass OS credential on discovered instances")
    class BreakGlassOnTaggedInstances {

        @Test
        void allowsSendCommandOnlyOnInstancesCarryingThePolicysTags() {
            JsonNode policy = serverPolicy(policy("Ops", tags("AppId", "ABC", "Env", "prod"),
                    breakGlass("instanceTags", "ec2", "osCredentialPlatform", "windows")));

            assertThat(evaluate(request("ssm:SendCommand", OTHER_INSTANCE, "ssm:resourceTag/AppId", "ABC",
                    "ssm:resourceTag/Env", "prod"), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("ssm:SendCommand", OTHER_INSTANCE, "ssm:resourceTag/AppId", "XYZ",
                    "ssm:resourceTag/Env", "prod"), policy)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:SendCommand", OTHER_INSTANCE, "ssm:resourceTag/AppId", "ABC"), policy))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:SendCommand",
                    "arn:aws:ec2:eu-west-1:210987654321:instance/i-0123456789abcdef0", "ssm:resourceTag/AppId", "ABC",
                    "ssm:resourceTag/Env", "prod"), policy)).as("another account").isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("ssm:SendCommand",
                    "arn:aws:ssm:eu-west-1::document/AWS-RunPowerShellScript"), policy)).isEqualTo(Decision.ALLOW);
        }

        @Test
        void aKeyGivenByAliasIsAnyKeyOfTheAccountButOnlyThroughSsmAndSaysSo() {
            IamArtifacts artifacts = generate(List.of(policy("Ops", tags("AppId", "ABC"),
                    breakGlass("instanceIds", "i-0123456789abcdef0", "osCredentialKmsKeyId", "alias/elevate"))),
                    IamOptions.defaults());
            JsonNode policy = artifacts.serverPolicy().document();

            assertThat(evaluate(request("kms:Decrypt", KEY, "kms:ViaService", "ssm.eu-west-1.amazonaws.com",
                    "kms:EncryptionContext:PARAMETER_ARN", PARAMETER), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("kms:Decrypt", KEY, "kms:ViaService", "s3.eu-west-1.amazonaws.com",
                    "kms:EncryptionContext:PARAMETER_ARN", PARAMETER), policy)).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(artifacts.serverPolicy().notes()).anySatisfy(n -> assertThat(n).contains("alias/elevate",
                    "give the key ARN"));
        }
    }

    @Nested
    @DisplayName("given SNS notifications")
    class Sns {

        @Test
        void allowsPublishingToTheConfiguredTopicOnly() {
            JsonNode policy = generate(List.of(policy("Ops", tags("AppId", "ABC"))), TOPIC).serverPolicy().document();

            assertThat(sids(policy)).contains("PublishNoticesToTheTopic");
            assertThat(evaluate(request("sns:Publish", TOPIC), policy)).isEqualTo(Decision.ALLOW);
            assertThat(evaluate(request("sns:Publish", "arn:aws:sns:eu-west-1:123456789012:other"), policy))
                    .isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(evaluate(request("sns:Subscribe", TOPIC), policy)).isEqualTo(Decision.IMPLICIT_DENY);
        }

        @Test
        void withoutATopicThereIsNoSnsStatement() {
            assertThat(serverPolicy(policy("Ops", tags("AppId", "ABC"))).toString()).doesNotContain("sns:");
        }
    }

    @Nested
    @DisplayName("sizes")
    class Sizes {

        @Test
        void everyFeatureOfFivePoliciesTogetherFitsAManagedPolicy() {
            List<ElevationPolicy> policies = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                policies.add(policy("Role" + i, tags("AppId", "A" + i, "Env", "prod"),
                        breakGlass("instanceIds", "i-0123456789abcdef" + i, "instanceTags", i % 2 == 0 ? "ec2"
                                : "config")));
            }
            IamArtifacts artifacts = generate(policies, TOPIC);

            assertThat(artifacts.withinLimits()).isTrue();
            assertThat(artifacts.realmPolicies()).hasSize(2);
            for (RealmPolicy realmPolicy : artifacts.realmPolicies()) {
                assertThat(realmPolicy.size()).as(realmPolicy.kind().key())
                        .isEqualTo(IamFixtures.awsSize(realmPolicy.document())).isLessThan(Limits.MANAGED_POLICY);
            }
        }

        @Test
        void aServerPolicyOverTheManagedPolicyLimitIsReportedNotCut() {
            List<ElevationPolicy> policies = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                policies.add(policy("ElevateSessionManagerForApplication" + i, tags("AppId", "A")));
            }
            IamArtifacts artifacts = generate(policies, IamOptions.defaults());

            assertThat(artifacts.withinLimits()).isFalse();
            assertThat(artifacts.overflows()).singleElement().satisfies(overflow -> {
                assertThat(overflow.document()).isEqualTo("serverPolicy");
                assertThat(overflow.roleArn()).isEqualTo("realm test");
                assertThat(overflow.maximum()).isEqualTo(Limits.MANAGED_POLICY);
                assertThat(overflow.size()).isEqualTo(artifacts.serverPolicy().size());
            });
            assertThat(artifacts.serverPolicy().document().path("Statement").get(0).path("Resource")).hasSize(200);
        }
    }
}
