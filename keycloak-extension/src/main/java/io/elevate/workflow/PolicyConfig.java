package io.elevate.workflow;

import io.elevate.aws.AwsNames;
import io.elevate.aws.SessionTagRules;
import io.elevate.aws.SessionTags;
import io.elevate.aws.instances.InstanceSource;
import io.elevate.breakglass.OsCredentialSettings.Platform;
import io.elevate.breakglass.OsCredentialSettings;
import io.elevate.rules.CompiledRule;
import io.elevate.rules.RuleDefinitions;
import io.elevate.rules.RuleSet;
import io.elevate.validation.Violation;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings of an elevation policy as the admin console stores them (a realm component), read into an
 * {@link ElevationPolicy} with every rule they break. Group existence and quorum size need the realm and are checked by
 * {@link PolicyGroups}.
 */
final class PolicyConfig {

    static final String CLIENT = "client";
    static final String ACCOUNT_ID = "accountId";
    static final String ROLE_NAME = "roleName";
    static final String SAML_PROVIDER = "samlProvider";
    static final String REGION = "region";
    static final String INSTANCE_IDS = "instanceIds";
    static final String TAGS = "tags";
    static final String ELIGIBLE_GROUPS = "eligibleGroups";
    static final String APPROVER_GROUPS = "approverGroups";
    static final String APPROVALS_REQUIRED = "approvalsRequired";
    static final String MAX_DURATION_MINUTES = "maxDurationMinutes";
    static final String MAX_SCHEDULE_AHEAD_HOURS = "maxScheduleAheadHours";
    static final String JUSTIFICATION_REQUIRED = "justificationRequired";
    static final String TICKET_PATTERN = "ticketPattern";
    static final String PENDING_EXPIRY_MINUTES = "pendingExpiryMinutes";
    static final String BREAK_GLASS_GROUP = "breakGlassGroup";
    static final String BREAK_GLASS_MAX_MINUTES = "breakGlassMaxMinutes";
    static final String APPROVER_MIN_LEVEL = "approverMinLevel";
    static final String OS_CREDENTIAL = "osCredential";
    static final String OS_CREDENTIAL_PLATFORM = "osCredentialPlatform";
    static final String OS_CREDENTIAL_USER = "osCredentialUser";
    static final String OS_CREDENTIAL_KMS_KEY_ID = "osCredentialKmsKeyId";
    static final String OS_CREDENTIAL_SECONDS = "osCredentialSeconds";
    static final String INSTANCE_TAGS = "instanceTags";
    static final String DISCOVERED_TAG_KEYS = "discoveredTagKeys";
    static final String MAX_PENDING_REQUESTS = "maxPendingRequests";
    static final String MAX_BREAK_GLASS_PER_DAY = "maxBreakGlassPerDay";
    static final String APPROVAL_STAGES = "approvalStages";
    static final String SAME_APPROVER_ACROSS_STAGES = "sameApproverAcrossStages";
    static final String DENY_RULES = "denyRules";
    static final String AUTO_APPROVE_RULES = "autoApproveRules";
    static final String AUTO_APPROVAL_REVIEW = "autoApprovalReview";
    static final String RULE_TIME_ZONE = "ruleTimeZone";
    static final String ROLE_CHAINING = "roleChaining";
    static final String RUN_AS_USER = "runAsUser";

    static final String DEFAULT_CLIENT = "urn:amazon:webservices";
    /** Elevate's hard ceiling for any window, whatever a policy says: AWS's longest session. */
    static final int CEILING_MINUTES = 12 * 60;

    private PolicyConfig() {
    }

    record Result(ElevationPolicy policy, List<Violation> violations) {
    }

    static Result read(String id, String name, Map<String, List<String>> config) {
        Reader r = new Reader(config);
        String client = Optional.ofNullable(r.text(CLIENT)).orElse(DEFAULT_CLIENT);
        String accountId = r.checked(ACCOUNT_ID, AwsNames::checkAccountId);
        String roleName = r.checked(ROLE_NAME, AwsNames::checkRoleName);
        String samlProvider = r.checked(SAML_PROVIDER, AwsNames::checkSamlProvider);
        String region = r.checked(REGION, AwsNames::checkRegion);
        List<String> instanceIds = r.list(INSTANCE_IDS);
        instanceIds.forEach(i -> AwsNames.checkInstanceId(i).ifPresent(p -> r.reject(INSTANCE_IDS, i + " " + p)));
        Map<String, String> tags = r.tags();
        List<String> eligible = r.list(ELIGIBLE_GROUPS);
        List<String> approvers = r.list(APPROVER_GROUPS);
        if (eligible.isEmpty()) {
            r.reject(ELIGIBLE_GROUPS, "name at least one group whose members may ask");
        }
        int quorum = r.number(APPROVALS_REQUIRED, 1, 1, 10);
        List<ApprovalStage> stages = PolicyStages.read(APPROVAL_STAGES, r.text(APPROVAL_STAGES), r.violations);
        if (stages.isEmpty()) {
            if (approvers.isEmpty()) {
                r.reject(APPROVER_GROUPS, "name at least one group whose members approve");
            }
            stages = List.of(new ApprovalStage(1, "approval", approvers, quorum));
        } else {
            if (!approvers.isEmpty()) {
                r.reject(APPROVER_GROUPS, "leave empty when approval stages are set: each stage names its approvers");
            }
            if (quorum != 1) {
                r.reject(APPROVALS_REQUIRED, "leave at 1 when approval stages are set: each stage has its quorum");
            }
            approvers = stages.stream().flatMap(s -> s.approverGroups().stream()).distinct().toList();
            quorum = stages.stream().mapToInt(ApprovalStage::approvalsRequired).sum();
        }
        boolean sameApprover = r.flag(SAME_APPROVER_ACROSS_STAGES, false);
        Set<String> ruleNames = RuleDefinitions.names();
        List<CompiledRule> deny = RuleDefinitions.read(DENY_RULES, r.text(DENY_RULES), ruleNames, r.violations);
        List<CompiledRule> auto = RuleDefinitions.read(AUTO_APPROVE_RULES, r.text(AUTO_APPROVE_RULES), ruleNames,
                r.violations);
        String timeZone = Optional.ofNullable(r.text(RULE_TIME_ZONE)).orElse(RuleSet.DEFAULT_TIME_ZONE);
        RuleSet.checkTimeZone(timeZone).ifPresent(p -> r.reject(RULE_TIME_ZONE, p));
        RuleSet rules = new RuleSet(deny, auto, r.flag(AUTO_APPROVAL_REVIEW, true), timeZone);
        int maxMinutes = r.number(MAX_DURATION_MINUTES, 60, 1, CEILING_MINUTES);
        int aheadHours = r.number(MAX_SCHEDULE_AHEAD_HOURS, 72, 0, 24 * 90);
        int expiryMinutes = r.number(PENDING_EXPIRY_MINUTES, 24 * 60, 1, 24 * 60 * 30);
        int breakGlassMinutes = r.number(BREAK_GLASS_MAX_MINUTES, 60, 15, CEILING_MINUTES);
        int minLevel = r.number(APPROVER_MIN_LEVEL, 0, 0, 10);
        int maxPending = r.number(MAX_PENDING_REQUESTS, 3, 1, 100);
        int maxBreakGlass = r.number(MAX_BREAK_GLASS_PER_DAY, 2, 1, 100);
        Pattern ticket = r.pattern(TICKET_PATTERN);
        boolean justification = r.flag(JUSTIFICATION_REQUIRED, true);
        boolean roleChaining = r.flag(ROLE_CHAINING, false);
        String runAsUser = r.text(RUN_AS_USER);
        if (runAsUser != null) {
            OsCredentialSettings.checkUser(OsCredentialSettings.Platform.LINUX, runAsUser)
                    .ifPresent(p -> r.reject(RUN_AS_USER, p));
        }
        InstanceDiscovery discovery = r.discovery(tags);
        int added = 1 + (roleChaining ? 1 : 0) + (runAsUser != null ? 1 : 0);
        if (added > 1 && tags.size() + discovery.tagKeys().size() + added > SessionTagRules.MAX_TAGS) {
            r.reject(roleChaining ? ROLE_CHAINING : RUN_AS_USER, "leaves too few session tags: AWS allows "
                    + SessionTagRules.MAX_TAGS + " and Elevate adds ElevationId"
                    + (roleChaining ? ", ElevationChaining" : "") + (runAsUser != null ? ", SSMSessionRunAs" : ""));
        }
        OsCredentialSettings osCredential = osCredential(r, instanceIds, discovery, r.text(BREAK_GLASS_GROUP));
        if (!r.violations.isEmpty()) {
            return new Result(null, List.copyOf(r.violations));
        }
        String title = name == null || name.isBlank() || name.equals(ElevationPolicyPageFactory.PROVIDER_ID)
                ? roleName + " in " + accountId : name;
        return new Result(new ElevationPolicy(id, title, client, accountId, roleName, samlProvider, region,
                instanceIds, tags, eligible, approvers, quorum, Duration.ofMinutes(maxMinutes),
                Duration.ofHours(aheadHours), justification, ticket, Duration.ofMinutes(expiryMinutes),
                r.text(BREAK_GLASS_GROUP), Duration.ofMinutes(breakGlassMinutes), minLevel, osCredential, discovery,
                maxPending, maxBreakGlass, stages, sameApprover, rules, roleChaining,
                runAsUser),
                List.of());
    }

    /**
     * The break-glass OS credential settings, read only when switched on (off is the default): they need break-glass
     * and instances, and every value that reaches the instance's script must pass its pattern.
     */
    private static OsCredentialSettings osCredential(Reader r, List<String> instanceIds, InstanceDiscovery discovery,
                                                     String breakGlassGroup) {
        if (!"true".equalsIgnoreCase(r.text(OS_CREDENTIAL))) {
            return null;
        }
        int before = r.violations.size();
        if (breakGlassGroup == null) {
            r.reject(OS_CREDENTIAL, "needs break-glass: name a break-glass group");
        }
        if (instanceIds.isEmpty() && discovery.source() == InstanceSource.NONE) {
            r.reject(OS_CREDENTIAL, "needs instances (listed, or found by their tags in AWS): a break-glass window "
                    + "must name the instance to set it on");
        }
        String platformText = r.text(OS_CREDENTIAL_PLATFORM);
        Platform platform = platformText == null ? Platform.LINUX : Platform.parse(platformText).orElse(null);
        if (platform == null) {
            r.reject(OS_CREDENTIAL_PLATFORM, "must be linux or windows");
            platform = Platform.LINUX;
        }
        String user = Optional.ofNullable(r.text(OS_CREDENTIAL_USER)).orElse(platform.defaultUser());
        OsCredentialSettings.checkUser(platform, user).ifPresent(p -> r.reject(OS_CREDENTIAL_USER, p));
        String key = r.text(OS_CREDENTIAL_KMS_KEY_ID);
        OsCredentialSettings.checkKmsKeyId(key).ifPresent(p -> r.reject(OS_CREDENTIAL_KMS_KEY_ID, p));
        int seconds = r.number(OS_CREDENTIAL_SECONDS, OsCredentialSettings.DEFAULT_SECONDS,
                OsCredentialSettings.MIN_SECONDS, OsCredentialSettings.MAX_SECONDS);
        return r.violations.size() > before ? null
                : new OsCredentialSettings(platform, user, key, Duration.ofSeconds(seconds));
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ACCOUNT_ID).label("AWS account").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("12-digit AWS account id.").required(true).add()
                .property().name(ROLE_NAME).label("IAM role").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Name of the role assumed through SAML.").required(true).add()
                .property().name(SAML_PROVIDER).label("IAM SAML provider").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Name of the IAM SAML provider that trusts this realm.").required(true).add()
                .property().name(REGION).label("Region").type(ProviderConfigProperty.LIST_TYPE)
                .options(AwsNames.regions()).defaultValue("eu-west-1").helpText("Region of the Session Manager deep link.").required(true).add()
                .property().name(CLIENT).label("AWS SAML client").type(ProviderConfigProperty.CLIENT_LIST_TYPE)
                .defaultValue(DEFAULT_CLIENT).helpText("Client id of the AWS SAML client whose sign-ins this grants.").add()
                .property().name(INSTANCE_IDS).label("Instances").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("EC2 instances a request may name (one per request). Empty: tag-scoped access only.").add()
                .property().name(TAGS).label("ABAC tags").type(ProviderConfigProperty.MAP_TYPE)
                .helpText("Session tags the window carries; the IAM policy compares them with the resource tags.").add()
                .property().name(ELIGIBLE_GROUPS).label("Eligible groups").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Group paths (e.g. /operators) whose members may ask for this target.").add()
                .property().name(APPROVER_GROUPS).label("Approver groups").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Group paths whose members approve. A requester never approves their own request. Leave "
                        + "empty when approval stages are set.").add()
                .property().name(APPROVALS_REQUIRED).label("Approvals required").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(1).helpText("Distinct approvers needed (1 to 10). Leave at 1 when approval stages are "
                        + "set.").add()
                .property().name(APPROVAL_STAGES).label("Approval stages").type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("Optional, instead of the approver groups above: stages met in order, as a JSON array, e.g. "
                        + "[{\"name\": \"team lead\", \"approverGroups\": [\"/leads\"], \"approvalsRequired\": 1}, "
                        + "{\"name\": \"security\", \"approverGroups\": [\"/security\"]}]. At most "
                        + PolicyStages.MAX_STAGES + " stages.").add()
                .property().name(SAME_APPROVER_ACROSS_STAGES).label("One person may approve several stages")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Off: whoever approved one stage of a request cannot approve another.").add()
                .property().name(DENY_RULES).label("Deny rules").type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("Evaluated first, on requests and break-glass: a JSON array of {\"name\", \"expression\", "
                        + "\"description\"}; a request for which an expression (CEL) is true, or fails, is refused "
                        + "naming the rule. E.g. [{\"name\": \"second factor\", \"expression\": "
                        + "\"!requester.hasSecondFactor\"}]. See docs/workflow.md for the variables.").add()
                .property().name(AUTO_APPROVE_RULES).label("Automatic-approval rules").type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("A JSON array of {\"name\", \"expression\", \"description\"}: a request for which an "
                        + "expression (CEL) is true is approved at once, recording the rule; approvers are told. E.g. "
                        + "[{\"name\": \"short on-call\", \"expression\": \"'/oncall' in requester.groups && "
                        + "request.duration <= duration('30m')\"}].").add()
                .property().name(AUTO_APPROVAL_REVIEW).label("Review automatic approvals")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
                .helpText("On: a window a rule approved waits for an approver's review afterwards, like break-glass.")
                .add()
                .property().name(RULE_TIME_ZONE).label("Time zone of the rules").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(RuleSet.DEFAULT_TIME_ZONE)
                .helpText("The zone the rules read times in as timeZone, e.g. Europe/Berlin: "
                        + "request.start.getHours(timeZone). An IANA name or an offset such as +01:00.").add()
                .property().name(MAX_DURATION_MINUTES).label("Longest window (minutes)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(60).helpText("1 to 720.").add()
                .property().name(MAX_SCHEDULE_AHEAD_HOURS).label("Schedule ahead at most (hours)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(72).add()
                .property().name(JUSTIFICATION_REQUIRED).label("Justification required")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(ROLE_CHAINING).label("Role chaining")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Off (default): the generated permission policy denies sts:AssumeRole to the sessions of "
                        + "this policy's windows. On: their session tags, ElevationId among them, are transitive, "
                        + "so a chained session keeps them, and they carry ElevationChaining=allowed, which that deny "
                        + "spares. Put Elevate's revocation policy on every role they may chain to.").add()
                .property().name(RUN_AS_USER).label("Run shells as (OS user)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("A Linux user the windows' Session Manager shells run as (session tag SSMSessionRunAs). It "
                        + "counts only where the account's Session Manager preferences have Run As on (the generated "
                        + "ones do): deploy them in every region first, or shells run as ssm-user. The user must "
                        + "exist on the instances. Empty (default): Session Manager's default user.").add()
                .property().name(TICKET_PATTERN).label("Ticket reference pattern").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Regular expression every request's ticket must match, e.g. ^(CHG|INC)[0-9]+$. Empty: no ticket.").add()
                .property().name(PENDING_EXPIRY_MINUTES).label("Pending requests expire after (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(24 * 60).add()
                .property().name(BREAK_GLASS_GROUP).label("Break-glass group").type(ProviderConfigProperty.GROUP_TYPE)
                .helpText("Group path whose members may open a window without approval. Empty: break-glass disabled.").add()
                .property().name(BREAK_GLASS_MAX_MINUTES).label("Longest break-glass window (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(60).add()
                .property().name(APPROVER_MIN_LEVEL).label("Approver level of authentication")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(0)
                .helpText("Level of authentication (acr) an approver's token must carry, e.g. 2 after MFA step-up. 0: any.").add()
                .property().name(OS_CREDENTIAL).label("Break-glass OS password").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false").helpText("When a break-glass window on an instance opens, SSM Run Command sets a "
                        + "random password for the OS user below, kept as a KMS-encrypted SecureString, shown once to "
                        + "the requester in the portal and then deleted. Needs break-glass, instances and AWS enabled.").add()
                .property().name(OS_CREDENTIAL_PLATFORM).label("Instance platform").type(ProviderConfigProperty.LIST_TYPE)
                .options("linux", "windows").defaultValue("linux")
                .helpText("linux: AWS-RunShellScript; windows: AWS-RunPowerShellScript.").add()
                .property().name(OS_CREDENTIAL_USER).label("OS user").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Existing account whose password is set, e.g. elevate-breakglass. Default: root or "
                        + "Administrator.").add()
                .property().name(OS_CREDENTIAL_KMS_KEY_ID).label("KMS key of the password")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Key id, key ARN, alias/<name> or alias ARN that encrypts the SecureString. Required when on.")
                .add()
                .property().name(OS_CREDENTIAL_SECONDS).label("Delete the password after (seconds)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(OsCredentialSettings.DEFAULT_SECONDS)
                .helpText(OsCredentialSettings.MIN_SECONDS + " to " + OsCredentialSettings.MAX_SECONDS
                        + ", counted from when the instance stored it; shown once before that.").add()
                .property().name(INSTANCE_TAGS).label("Instance tags from AWS").type(ProviderConfigProperty.LIST_TYPE)
                .options(InstanceSource.NONE.value(), InstanceSource.EC2.value(), InstanceSource.CONFIG.value())
                .defaultValue(InstanceSource.NONE.value())
                .helpText("none: the window carries the ABAC tags above. ec2 (DescribeInstances) or config (AWS Config "
                        + "advanced query, for large estates): a request names an instance, which must carry each ABAC "
                        + "tag above with that value; its values of the discovered tag keys are added to the window. "
                        + "Needs AWS enabled on the server.").add()
                .property().name(MAX_PENDING_REQUESTS).label("Pending requests per user")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(3)
                .helpText("How many requests one user may have waiting for a decision under this policy at once "
                        + "(1 to 100). One more is refused with 429 until one is decided, cancelled or expired.").add()
                .property().name(MAX_BREAK_GLASS_PER_DAY).label("Break-glass windows per user per 24 hours")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(2)
                .helpText("How many break-glass windows one user may open under this policy in any 24 hours "
                        + "(1 to 100). One more is refused with 429.").add()
                .property().name(DISCOVERED_TAG_KEYS).label("Discovered tag keys")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Resource tag keys (e.g. AppId) whose values on the requested instance become session tags. "
                        + "Every key must be on the instance, or the request is refused.").add()
                .build();
    }

    /** Reads typed values from a component's multivalued config, collecting violations. */
    private static final class Reader {

        private final Map<String, List<String>> config;
        private final List<Violation> violations = new ArrayList<>();

        Reader(Map<String, List<String>> config) {
            this.config = config;
        }

        void reject(String field, String message) {
            violations.add(Violation.of(field, message));
        }

        String text(String key) {
            List<String> values = config.get(key);
            if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
                return null;
            }
            return values.get(0).trim();
        }

        List<String> list(String key) {
            List<String> values = config.getOrDefault(key, List.of());
            List<String> result = new ArrayList<>();
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String part : value.split("##")) {
                    if (!part.isBlank()) {
                        result.add(part.trim());
                    }
                }
            }
            return List.copyOf(result);
        }

        /** {@code true} or {@code false} (any case), {@code fallback} when absent or blank; anything else is refused. */
        boolean flag(String key, boolean fallback) {
            String value = text(key);
            if (value == null) {
                return fallback;
            }
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                reject(key, "must be true or false, not '" + value + "'");
                return fallback;
            }
            return Boolean.parseBoolean(value);
        }

        String checked(String key, Function<String, Optional<String>> rule) {
            String value = text(key);
            if (value == null) {
                reject(key, "is required");
                return null;
            }
            rule.apply(value).ifPresent(p -> reject(key, p));
            return value;
        }

        int number(String key, int fallback, int min, int max) {
            String value = text(key);
            if (value == null) {
                return fallback;
            }
            try {
                int number = Integer.parseInt(value);
                if (number < min || number > max) {
                    reject(key, "must be between " + min + " and " + max + ", not " + number);
                }
                return number;
            } catch (NumberFormatException e) {
                reject(key, "must be a whole number");
                return fallback;
            }
        }

        Pattern pattern(String key) {
            String value = text(key);
            if (value == null) {
                return null;
            }
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                reject(key, "is not a valid regular expression: " + e.getDescription());
                return null;
            }
        }

        /** Where instance tags come from, and which keys; the keys are checked as session tag keys. */
        InstanceDiscovery discovery(Map<String, String> tags) {
            String value = text(INSTANCE_TAGS);
            InstanceSource source = value == null ? InstanceSource.NONE : InstanceSource.of(value).orElse(null);
            if (source == null) {
                reject(INSTANCE_TAGS, "must be none, ec2 or config, not " + value);
                return InstanceDiscovery.NONE;
            }
            List<String> keys = list(DISCOVERED_TAG_KEYS);
            if (source == InstanceSource.NONE) {
                if (!keys.isEmpty()) {
                    reject(DISCOVERED_TAG_KEYS, "are only looked up when instance tags come from ec2 or config");
                }
                return InstanceDiscovery.NONE;
            }
            Set<String> seen = new HashSet<>();
            tags.keySet().forEach(k -> seen.add(k.toLowerCase(Locale.ROOT)));
            for (String key : keys) {
                if (SessionTags.reserved(key)) {
                    reject(DISCOVERED_TAG_KEYS, key + " is reserved: Elevate sets it itself");
                } else if (!seen.add(key.toLowerCase(Locale.ROOT))) {
                    reject(DISCOVERED_TAG_KEYS, key + " is already an ABAC tag of the policy or named twice");
                }
                SessionTagRules.check(Map.of(key, "x")).forEach(p -> reject(DISCOVERED_TAG_KEYS, p));
            }
            if (tags.size() + keys.size() >= SessionTagRules.MAX_TAGS) {
                reject(DISCOVERED_TAG_KEYS, "with the ABAC tags at most " + (SessionTagRules.MAX_TAGS - 1) + " tags");
            }
            return new InstanceDiscovery(source, keys);
        }

        /** The admin console's Map type: a JSON array of {"key": ..., "value": ...}; a JSON object is accepted too. */
        Map<String, String> tags() {
            Map<String, String> tags = new LinkedHashMap<>();
            String value = text(TAGS);
            if (value == null) {
                reject(TAGS, "at least one ABAC tag is required: without tags the IAM policy grants nothing");
                return tags;
            }
            try {
                JsonNode json = JsonSerialization.mapper.readTree(value);
                if (json.isArray()) {
                    json.forEach(entry -> tags.put(entry.path("key").asText(), entry.path("value").asText()));
                } else if (json.isObject()) {
                    json.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
                } else {
                    reject(TAGS, "must be a list of key and value");
                }
            } catch (IOException e) {
                reject(TAGS, "must be a list of key and value");
                return tags;
            }
            if (tags.isEmpty()) {
                reject(TAGS, "at least one ABAC tag is required: without tags the IAM policy grants nothing");
            }
            tags.keySet().stream().filter(SessionTags::reserved).findFirst()
                    .ifPresent(k -> reject(TAGS, k + " is reserved: Elevate sets it itself"));
            if (tags.size() >= SessionTagRules.MAX_TAGS) {
                reject(TAGS, "at most " + (SessionTagRules.MAX_TAGS - 1) + " tags");
            }
            SessionTagRules.check(tags).forEach(p -> reject(TAGS, p));
            return tags;
        }
    }
}
