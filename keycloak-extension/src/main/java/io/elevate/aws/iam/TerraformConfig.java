package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Terraform in its JSON syntax ({@code *.tf.json}) for the AWS provider: per role an {@code aws_iam_role} with the
 * trust policy, an {@code aws_iam_policy} with the permission policy and its {@code aws_iam_role_policy_attachment},
 * and the revocation policy as an {@code aws_iam_role_policy}. Each role's resources exist only when the configured
 * AWS provider is in the role's account. The realm-level policies are {@code aws_iam_policy} resources
 * {@code elevate_server} and, with a break-glass OS credential, {@code elevate_break_glass_instance}, not attached.
 * Per account, the Session Manager preferences ({@code aws_ssm_document}) and the managed nodes' logging policy
 * ({@code aws_iam_policy} {@code elevate_session_node_logging_<account>}, not attached).
 *
 * <p>Terraform reads every JSON string as a template, so policy documents are JSON strings in which IAM's policy
 * variables are escaped ({@code $${aws:userid}}); expressions are whole templates ({@code "${...}"}). The notes are
 * {@code "//"} comment properties, which Terraform ignores.
 */
final class TerraformConfig {

    private static final String COMMENT = "//";

    private TerraformConfig() {
    }

    static ObjectNode of(IamArtifacts artifacts) {
        ObjectNode config = Json.object();
        config.put(COMMENT, "Elevate: IAM roles and policies for just-in-time AWS access through Keycloak realm "
                + artifacts.realm() + ". Generated: regenerate rather than edit. Each role is created only when the "
                + "AWS provider is in the role's account.");
        config.putObject("data").putObject("aws_caller_identity").putObject("elevate");
        ObjectNode resources = config.putObject("resource");
        Names names = new Names();
        for (RoleArtifacts role : artifacts.roles()) {
            String name = names.unique(Names.terraformName(role.target()));
            String count = "${data.aws_caller_identity.elevate.account_id == \"" + role.target().accountId()
                    + "\" ? 1 : 0}";

            ObjectNode iamRole = resource(resources, "aws_iam_role", name);
            comment(iamRole, role.target().roleArn(), role.notes());
            iamRole.put("count", count);
            iamRole.put("name", literal(role.target().roleName()));
            iamRole.put("max_session_duration", role.maxSessionSeconds());
            iamRole.put("assume_role_policy", document(role.trustPolicy()));

            ObjectNode policy = resource(resources, "aws_iam_policy", name + "_abac");
            policy.put("count", count);
            policy.put("name", literal(role.permissionPolicyName()));
            policy.put("description", "Elevate ABAC: Session Manager only where the resource tags equal the "
                    + "elevation's session tags");
            policy.put("policy", document(role.permissionPolicy()));

            ObjectNode attachment = resource(resources, "aws_iam_role_policy_attachment", name + "_abac");
            attachment.put("count", count);
            attachment.put("role", "${aws_iam_role." + name + "[count.index].name}");
            attachment.put("policy_arn", "${aws_iam_policy." + name + "_abac[count.index].arn}");

            role.revocation().ifPresent(deny -> {
                ObjectNode inline = resource(resources, "aws_iam_role_policy", name + "_revocations");
                inline.put("count", count);
                inline.put("name", literal(role.revocationPolicyName()));
                inline.put("role", "${aws_iam_role." + name + "[count.index].id}");
                inline.put("policy", document(deny));
            });
        }
        for (RealmPolicy policy : artifacts.realmPolicies()) {
            ObjectNode managed = resource(resources, "aws_iam_policy", policy.kind().terraformName());
            comment(managed, policy.kind().key() + " (" + policy.name() + ")", policy.notes());
            managed.put("name", literal(policy.name()));
            managed.put("description", literal(policy.kind().description()));
            managed.put("policy", document(policy.document()));
        }
        for (SessionPreferences account : artifacts.sessionPreferences()) {
            ObjectNode document = resource(resources, "aws_ssm_document",
                    "elevate_session_preferences_" + account.accountId());
            document.put("count", "${data.aws_caller_identity.elevate.account_id == \"" + account.accountId()
                    + "\" ? 1 : 0}");
            document.put("name", SessionPreferences.DOCUMENT_NAME);
            document.put("document_type", "Session");
            document.put("document_format", "JSON");
            document.put("content", document(account.document()));

            ObjectNode node = resource(resources, "aws_iam_policy",
                    "elevate_session_node_logging_" + account.accountId());
            comment(node, "sessionPreferences nodePolicy (" + account.nodePolicy().name() + ")",
                    account.nodePolicy().notes());
            node.put("count", "${data.aws_caller_identity.elevate.account_id == \"" + account.accountId()
                    + "\" ? 1 : 0}");
            node.put("name", literal(account.nodePolicy().name()));
            node.put("description", SessionNodePolicy.DESCRIPTION);
            node.put("policy", document(account.nodePolicy().document()));
        }
        return config;
    }

    private static ObjectNode resource(ObjectNode resources, String type, String name) {
        ObjectNode byType = resources.has(type) ? (ObjectNode) resources.get(type) : resources.putObject(type);
        return byType.putObject(name);
    }

    /** A {@code "//"} property: what the resource is for and its notes, one string. */
    private static void comment(ObjectNode block, String subject, List<String> notes) {
        List<String> lines = new ArrayList<>();
        lines.add(subject);
        lines.addAll(notes);
        block.put(COMMENT, String.join("; ", lines));
    }

    /** A policy document as the JSON string Terraform expects, kept from its template interpolation. */
    private static String document(JsonNode document) {
        return literal(Json.compact(document));
    }

    /** Terraform interpolates {@code ${...}} and {@code %{...}} in every string; IAM's policy variables stay literal. */
    private static String literal(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }
}
