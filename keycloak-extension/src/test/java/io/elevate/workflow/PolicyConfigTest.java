package io.elevate.workflow;

import io.elevate.aws.instances.InstanceSource;
import io.elevate.validation.Violation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An elevation policy's settings")
class PolicyConfigTest {

    @Test
    void readsAValidPolicyWithSafeDefaults() {
        PolicyConfig.Result result = PolicyConfig.read("p1", "Web", valid());

        ElevationPolicy policy = result.policy();
        assertThat(result.violations()).isEmpty();
        assertThat(policy.clientId()).isEqualTo("urn:amazon:webservices");
        assertThat(policy.tags()).containsExactly(Map.entry("AppId", "ABC"), Map.entry("ReleaseId", "1.0"));
        assertThat(policy.approvalsRequired()).isEqualTo(1);
        assertThat(policy.maxDuration()).isEqualTo(Duration.ofMinutes(60));
        assertThat(policy.justificationRequired()).isTrue();
        assertThat(policy.breakGlass()).isEmpty();
        assertThat(policy.ticketPattern()).isNull();
        assertThat(policy.roleChaining()).isFalse();
        assertThat(policy.target((String) null).roleChaining()).isFalse();
    }

    @Test
    @DisplayName("given role chaining switched on, then the policy's windows are asked for with it")
    void roleChainingIsAPolicySetting() {
        Map<String, List<String>> config = valid();
        config.put("roleChaining", List.of("true"));

        ElevationPolicy policy = PolicyConfig.read("p1", "Web", config).policy();

        assertThat(policy.roleChaining()).isTrue();
        assertThat(policy.target("i-0123456789abcdef0").roleChaining()).isTrue();
    }

    @Test
    @DisplayName("given an OS user to run shells as, then the policy's windows carry it; a name Linux refuses is refused")
    void runAsUser() {
        Map<String, List<String>> config = valid();
        config.put("runAsUser", List.of("ops-shell"));
        assertThat(PolicyConfig.read("p1", "Web", config).policy().target((String) null).runAsUser())
                .isEqualTo("ops-shell");
        assertThat(PolicyConfig.read("p1", "Web", valid()).policy().runAsUser()).isNull();

        config.put("runAsUser", List.of("Ops Shell; rm -rf /"));
        assertThat(PolicyConfig.read("p1", "Web", config).violations()).extracting(Violation::field)
                .containsExactly("runAsUser");
    }

    @Test
    @DisplayName("given a yes/no setting that is neither true nor false, then it is refused, not read as false")
    void refusesFlagsThatAreNotTrueOrFalse() {
        Map<String, List<String>> config = valid();
        config.put("roleChaining", List.of("yes"));
        config.put("justificationRequired", List.of("no"));

        assertThat(PolicyConfig.read("p1", "x", config).violations()).extracting(Violation::field)
                .contains("roleChaining", "justificationRequired");
    }

    @Test
    @DisplayName("given the admin console's form, then numbers, the region, the client and the break-glass group are "
            + "typed fields that store the same strings as before")
    void typedFormFields() {
        Map<String, ProviderConfigProperty> fields = new HashMap<>();
        PolicyConfig.properties().forEach(p -> fields.put(p.getName(), p));

        assertThat(fields.get(PolicyConfig.REGION).getType()).isEqualTo(ProviderConfigProperty.LIST_TYPE);
        assertThat(fields.get(PolicyConfig.REGION).getOptions()).contains("eu-west-1", "us-east-1")
                .contains("us-gov-west-1", "cn-north-1").doesNotContain("us-iso-east-1").isSorted();
        assertThat(fields.get(PolicyConfig.CLIENT).getType()).isEqualTo(ProviderConfigProperty.CLIENT_LIST_TYPE);
        assertThat(fields.get(PolicyConfig.BREAK_GLASS_GROUP).getType()).isEqualTo(ProviderConfigProperty.GROUP_TYPE);
        assertThat(fields.get(PolicyConfig.APPROVALS_REQUIRED).getType()).isEqualTo(ProviderConfigProperty.INTEGER_TYPE);
        assertThat(fields.get(PolicyConfig.ELIGIBLE_GROUPS).getType())
                .as("several group paths: the group picker takes only one")
                .isEqualTo(ProviderConfigProperty.MULTIVALUED_STRING_TYPE);
    }

    @Test
    void namesItselfAfterItsRoleWhenTheAdminGaveNoName() {
        assertThat(PolicyConfig.read("p1", null, valid()).policy().name())
                .isEqualTo("ElevateSessionManager in 123456789012");
    }

    @Test
    void refusesNonsenseFieldByField() {
        Map<String, List<String>> config = valid();
        config.put("accountId", List.of("12"));
        config.put("maxDurationMinutes", List.of("0"));
        config.put("approvalsRequired", List.of("eleven"));
        config.put("ticketPattern", List.of("(unclosed"));
        config.put("tags", List.of("[]"));
        config.put("eligibleGroups", List.of());

        List<String> fields = PolicyConfig.read("p1", "x", config).violations().stream().map(Violation::field).toList();

        assertThat(fields).contains("accountId", "maxDurationMinutes", "approvalsRequired", "ticketPattern", "tags",
                "eligibleGroups");
    }

    @Test
    void neverAllowsAWindowLongerThanAwsLongestSession() {
        Map<String, List<String>> config = valid();
        config.put("maxDurationMinutes", List.of("721"));
        assertThat(PolicyConfig.read("p1", "x", config).violations()).extracting(Violation::field)
                .containsExactly("maxDurationMinutes");
    }

    @ParameterizedTest(name = "the ABAC tag key {0} is refused")
    @ValueSource(strings = {"ElevationChaining", "elevationchaining", "ElevationId2", "ELEVATIONCHAINING3",
            "SSMSessionRunAs", "ssmsessionrunas"})
    void refusesEveryKeyElevateWritesItself(String key) {
        Map<String, List<String>> config = valid();
        config.put("tags", List.of("[{\"key\":\"" + key + "\",\"value\":\"allowed\"}]"));
        assertThat(PolicyConfig.read("p1", "x", config).violations()).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("reserved"));
    }

    @Test
    void refusesTheReservedElevationIdTagInAnyCase() {
        Map<String, List<String>> config = valid();
        config.put("tags", List.of("[{\"key\":\"ELEVATIONID\",\"value\":\"x\"}]"));
        assertThat(PolicyConfig.read("p1", "x", config).violations()).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("reserved"));
    }

    @Test
    void hasNoOsCredentialUnlessSwitchedOn() {
        Map<String, List<String>> config = valid();
        config.put("osCredentialKmsKeyId", List.of("not a key"));
        assertThat(PolicyConfig.read("p1", "x", config).policy().osCredential()).isNull();
    }

    @Test
    void readsTheOsCredentialWithSafeDefaults() {
        Map<String, List<String>> config = osCredential();

        var settings = PolicyConfig.read("p1", "x", config).policy().osCredential();

        assertThat(settings.platform()).isEqualTo(io.elevate.breakglass.OsCredentialSettings.Platform.LINUX);
        assertThat(settings.user()).isEqualTo("root");
        assertThat(settings.kmsKeyId()).isEqualTo("alias/elevate-break-glass");
        assertThat(settings.available()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesAnOsCredentialWithoutBreakGlassInstancesOrKeyAndUnsafeValues() {
        Map<String, List<String>> config = valid();
        config.put("osCredential", List.of("true"));
        config.put("osCredentialUser", List.of("root; reboot"));
        config.put("osCredentialSeconds", List.of("5"));
        config.put("osCredentialPlatform", List.of("solaris"));

        List<Violation> violations = PolicyConfig.read("p1", "x", config).violations();

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("osCredential", "osCredential",
                "osCredentialUser", "osCredentialKmsKeyId", "osCredentialSeconds", "osCredentialPlatform");
        assertThat(violations).extracting(Violation::message).anyMatch(m -> m.contains("break-glass"))
                .anyMatch(m -> m.contains("instances"));
    }

    @Test
    void windowsInstancesDefaultToAdministrator() {
        Map<String, List<String>> config = osCredential();
        config.put("osCredentialPlatform", List.of("windows"));
        config.put("osCredentialSeconds", List.of("3600"));

        var settings = PolicyConfig.read("p1", "x", config).policy().osCredential();

        assertThat(settings.user()).isEqualTo("Administrator");
        assertThat(settings.available()).isEqualTo(Duration.ofHours(1));
    }

    private static Map<String, List<String>> osCredential() {
        Map<String, List<String>> config = valid();
        config.put("instanceIds", List.of("i-0123456789abcdef0"));
        config.put("breakGlassGroup", List.of("/break-glass"));
        config.put("osCredential", List.of("true"));
        config.put("osCredentialKmsKeyId", List.of("alias/elevate-break-glass"));
        return config;
    }

    @Test
    void looksUpNoInstanceTagsUnlessAsked() {
        ElevationPolicy policy = PolicyConfig.read("p1", "x", valid()).policy();
        assertThat(policy.discovers()).isFalse();
        assertThat(policy.discovery()).isEqualTo(InstanceDiscovery.NONE);
    }

    @Test
    void readsInstanceTagDiscovery() {
        Map<String, List<String>> config = valid();
        config.put("instanceTags", List.of("config"));
        config.put("discoveredTagKeys", List.of("AppGroupName##Owner"));

        ElevationPolicy policy = PolicyConfig.read("p1", "x", config).policy();

        assertThat(policy.discovery().source()).isEqualTo(InstanceSource.CONFIG);
        assertThat(policy.discovery().tagKeys()).containsExactly("AppGroupName", "Owner");
    }

    @Test
    void refusesDiscoverySettingsThatMakeNoSense() {
        Map<String, List<String>> unknown = valid();
        unknown.put("instanceTags", List.of("dynamodb"));
        assertThat(PolicyConfig.read("p1", "x", unknown).violations()).extracting(Violation::message)
                .containsExactly("must be none, ec2 or config, not dynamodb");

        Map<String, List<String>> keysWithoutSource = valid();
        keysWithoutSource.put("discoveredTagKeys", List.of("AppGroupName"));
        assertThat(PolicyConfig.read("p1", "x", keysWithoutSource).violations()).extracting(Violation::field)
                .containsExactly("discoveredTagKeys");

        Map<String, List<String>> badKeys = valid();
        badKeys.put("instanceTags", List.of("ec2"));
        badKeys.put("discoveredTagKeys", List.of("AppId", "aws:cloudformation:stack-name", "ElevationId", "a;b"));
        assertThat(PolicyConfig.read("p1", "x", badKeys).violations()).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("AppId is already an ABAC tag"))
                .anySatisfy(m -> assertThat(m).contains("must not start with aws:"))
                .anySatisfy(m -> assertThat(m).contains("ElevationId is reserved"))
                .anySatisfy(m -> assertThat(m).contains("characters AWS refuses"));
    }

    @Nested
    @DisplayName("given approval stages and rules")
    class StagesAndRules {

        @Test
        @DisplayName("then a policy without stages has one, made of its approver groups and quorum")
        void singleStage() {
            ElevationPolicy policy = PolicyConfig.read("p1", "Web", valid()).policy();
            assertThat(policy.staged()).isFalse();
            assertThat(policy.stages()).containsExactly(new ApprovalStage(1, "approval", List.of("/approvers"), 1));
            assertThat(policy.rules().isEmpty()).isTrue();
            assertThat(policy.sameApproverAcrossStages()).isFalse();
        }

        @Test
        @DisplayName("then stages are read in order; the approvers are their groups and the quorum their sum")
        void stages() {
            Map<String, List<String>> config = valid();
            config.remove("approverGroups");
            config.put("approvalStages", List.of("[{\"name\": \"team lead\", \"approverGroups\": [\"/leads\"]},"
                    + " {\"name\": \"security\", \"approverGroups\": [\"/security\", \"/leads\"],"
                    + " \"approvalsRequired\": 2}]"));
            config.put("autoApproveRules", List.of("[{\"name\": \"dev\", \"expression\": "
                    + "\"instance.tags['Environment'] == 'dev'\"}]"));
            PolicyConfig.Result result = PolicyConfig.read("p1", "Web", config);
            assertThat(result.violations()).isEmpty();
            ElevationPolicy policy = result.policy();
            assertThat(policy.stages()).extracting(ApprovalStage::name).containsExactly("team lead", "security");
            assertThat(policy.approverGroups()).containsExactly("/leads", "/security");
            assertThat(policy.approvalsRequired()).isEqualTo(3);
            assertThat(policy.rules().autoApprove()).extracting(r -> r.name()).containsExactly("dev");
        }

        @Test
        @DisplayName("then stages with approver groups too, a bad stage and a rule that does not compile are each a "
                + "violation naming the stage or rule")
        void violations() {
            Map<String, List<String>> config = valid();
            config.put("approvalStages", List.of("[{\"name\": \"lead\", \"approverGroups\": []},"
                    + " {\"name\": \"sec\", \"approverGroups\": [\"/security\"], \"approvalsRequired\": 0}]"));
            config.put("denyRules", List.of("[{\"name\": \"prod at night\", \"expression\": \"now.getHours( > 3\"}]"));
            PolicyConfig.Result result = PolicyConfig.read("p1", "Web", config);
            assertThat(result.policy()).isNull();
            assertThat(result.violations()).extracting(v -> v.field() + " " + v.message()).satisfiesExactlyInAnyOrder(
                    m -> assertThat(m).isEqualTo("approvalStages stage 1 (lead) needs approverGroups: a list of one or "
                            + "more group paths"),
                    m -> assertThat(m).isEqualTo("approvalStages stage 2 (sec) approvalsRequired must be a whole number "
                            + "from 1 to 10"),
                    m -> assertThat(m).isEqualTo("approverGroups leave empty when approval stages are set: each stage "
                            + "names its approvers"),
                    m -> assertThat(m).startsWith("denyRules rule 'prod at night' expression is invalid:"));
        }
    }

    @Nested
    @DisplayName("given a time zone for the rules")
    class RuleTimeZone {

        @Test
        @DisplayName("then the rules read it as timeZone; UTC when none is set; an unknown zone is refused")
        void timeZone() {
            Map<String, List<String>> config = valid();
            config.put("autoApproveRules", List.of("[{\"name\": \"office\", \"expression\": "
                    + "\"request.start.getHours(timeZone) >= 9\"}]"));
            assertThat(PolicyConfig.read("p1", "Web", config).policy().rules().timeZone()).isEqualTo("UTC");
            config.put("ruleTimeZone", List.of("Europe/Berlin"));
            assertThat(PolicyConfig.read("p1", "Web", config).policy().rules().timeZone()).isEqualTo("Europe/Berlin");
            config.put("ruleTimeZone", List.of("Europe/Berlinn"));
            assertThat(PolicyConfig.read("p1", "Web", config).violations())
                    .extracting(v -> v.field() + " " + v.message()).singleElement().asString()
                    .startsWith("ruleTimeZone time zone 'Europe/Berlinn' is not known");
        }
    }

    static Map<String, List<String>> valid() {
        Map<String, List<String>> config = new HashMap<>();
        config.put("accountId", List.of("123456789012"));
        config.put("roleName", List.of("ElevateSessionManager"));
        config.put("samlProvider", List.of("Keycloak"));
        config.put("region", List.of("eu-west-1"));
        config.put("tags", List.of("[{\"key\":\"AppId\",\"value\":\"ABC\"},{\"key\":\"ReleaseId\",\"value\":\"1.0\"}]"));
        config.put("eligibleGroups", List.of("/operators"));
        config.put("approverGroups", List.of("/approvers"));
        return config;
    }
}
