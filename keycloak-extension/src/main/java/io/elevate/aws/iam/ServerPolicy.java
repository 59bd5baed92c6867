package io.elevate.aws.iam;

import io.elevate.Arns;
import io.elevate.aws.instances.InstanceSource;
import io.elevate.aws.policy.Json;
import io.elevate.aws.policy.Statements;
import io.elevate.breakglass.OsCredentialSettings;
import io.elevate.workflow.ElevationPolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity policy of the credentials Keycloak runs with: one statement per feature the realm uses, each scoped to
 * what that feature calls. Always the revocation policy of every target role ({@code io.elevate.revoke}); instance tag
 * lookups only for policies that discover tags (in their regions: neither call has resource-level permissions); SNS
 * {@code Publish} only on the configured topic; the break-glass OS credential only for policies that have one: Run
 * Command with the shell document on their instances (listed, or any instance carrying the policy's tags when tags are
 * discovered), its result, and reading, decrypting and deleting the passwords under {@code /elevate/break-glass/}.
 */
final class ServerPolicy {

    static final List<String> REVOCATION = List.of("iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy");

    private ServerPolicy() {
    }

    /** @param snsTopicArn the realm's notification topic, or null when none is configured */
    static RealmPolicy of(String realm, List<RoleTarget> roles, List<ElevationPolicy> policies, String snsTopicArn,
                          BreakGlassResources breakGlass) {
        List<String> notes = new ArrayList<>();
        notes.add("attach to the IAM role (or user) whose credentials the Keycloak server runs with; it is not "
                + "attached here");
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(Statements.allow("ManageTheRevocationPolicyOfElevateRoles", REVOCATION,
                roles.stream().map(RoleTarget::roleArn).toList()));
        discovery(policies, InstanceSource.EC2, "LookUpInstanceTagsInEc2", "ec2:DescribeInstances", statements, notes);
        discovery(policies, InstanceSource.CONFIG, "LookUpInstanceTagsInAwsConfig", "config:SelectResourceConfig",
                statements, notes);
        if (snsTopicArn != null) {
            statements.add(Statements.allow("PublishNoticesToTheTopic", List.of("sns:Publish"), List.of(snsTopicArn)));
            notes.add("SNS: if the topic is encrypted with a customer managed KMS key, that key's policy must also let "
                    + "the server use it (kms:GenerateDataKey, kms:Decrypt)");
        } else {
            notes.add("SNS: no topic configured, no sns:Publish");
        }
        if (breakGlass.used()) {
            statements.addAll(breakGlass(breakGlass, notes));
        } else {
            notes.add("break-glass OS credential: no policy has one, no SSM or KMS permissions");
        }
        if (roles.stream().map(RoleTarget::accountId).distinct().count() > 1) {
            notes.add("the roles are in several accounts: the server's credentials act in their own account, so "
                    + "roles elsewhere need the server to reach them by other means");
        }
        return new RealmPolicy(RealmPolicy.Kind.SERVER, RealmPolicy.Kind.SERVER.policyName(realm),
                Statements.document(statements), notes);
    }

    private static void discovery(List<ElevationPolicy> policies, InstanceSource source, String sid, String action,
                                  List<ObjectNode> statements, List<String> notes) {
        List<String> regions = policies.stream().filter(p -> p.discovery().source() == source)
                .map(ElevationPolicy::region).distinct().toList();
        if (regions.isEmpty()) {
            notes.add("instance tags from " + source.value() + ": no policy uses it, no " + action);
            return;
        }
        statements.add(inRegions(Statements.allow(sid, List.of(action), List.of("*")), regions));
    }

    private static List<ObjectNode> breakGlass(BreakGlassResources breakGlass, List<String> notes) {
        List<ElevationPolicy> policies = breakGlass.policies();
        Set<String> documents = new LinkedHashSet<>();
        Set<String> instances = new LinkedHashSet<>();
        Map<String, ObjectNode> tagged = new LinkedHashMap<>();
        for (ElevationPolicy policy : policies) {
            OsCredentialSettings.Platform platform = policy.osCredential().platform();
            documents.add(Arns.of("ssm", policy.region(), "", "document/" + platform.document()));
            policy.instanceIds().forEach(id -> instances.add(Arns.of("ec2", policy.region(), policy.accountId(),
                    "instance/" + id)));
            if (policy.discovers()) {
                // a policy always has tags, and with discovery they are the filter its instances must match
                ObjectNode statement = Statements.allow("", List.of("ssm:SendCommand"), List.of(Arns.of("ec2", policy.region(), policy.accountId(), "instance/*")));
                ObjectNode equals = statement.putObject("Condition").putObject("StringEquals");
                policy.tags().forEach((key, value) -> equals.put("ssm:resourceTag/" + key, value));
                tagged.putIfAbsent(statement.toString(), statement);
            }
        }
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(Statements.allow("RunOnlyTheShellDocumentsOfTheBreakGlassScript", List.of("ssm:SendCommand"),
                List.copyOf(documents)));
        if (!instances.isEmpty()) {
            statements.add(Statements.allow("RunTheBreakGlassScriptOnListedInstances", List.of("ssm:SendCommand"),
                    List.copyOf(instances)));
        }
        int n = 1;
        for (ObjectNode statement : tagged.values()) {
            statement.put("Sid", "RunTheBreakGlassScriptOnTaggedInstances" + (tagged.size() > 1 ? n++ : ""));
            statements.add(statement);
        }
        List<String> regions = policies.stream().map(ElevationPolicy::region).distinct().toList();
        statements.add(inRegions(Statements.allow("FollowTheBreakGlassScript", List.of("ssm:GetCommandInvocation"),
                List.of("*")), regions));
        statements.add(Statements.allow("ReadAndDeleteBreakGlassPasswords",
                List.of("ssm:GetParameter", "ssm:DeleteParameter"), breakGlass.parameterArns()));
        statements.add(breakGlass.kms("DecryptBreakGlassPasswordsThroughSsm", List.of("kms:Decrypt")));
        notes.addAll(breakGlass.notes());
        return statements;
    }

    /** Actions without resource-level permissions: limited to the regions Elevate calls them in. */
    private static ObjectNode inRegions(ObjectNode statement, List<String> regions) {
        statement.putObject("Condition").putObject("StringEquals").set("aws:RequestedRegion",
                Json.oneOrMany(regions));
        return statement;
    }
}
