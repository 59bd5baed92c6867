package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Terraform (HCL) for the AWS provider: per role an {@code aws_iam_role} with the trust policy, an
 * {@code aws_iam_policy} with the permission policy and its {@code aws_iam_role_policy_attachment}, and the revocation
 * policy as an {@code aws_iam_role_policy}. Documents are {@code jsonencode(...)} of the generated JSON, with IAM's
 * policy variables escaped ({@code $${aws:userid}}) so Terraform does not interpolate them. Each role's resources
 * exist only when the configured AWS provider is in the role's account. The realm-level policies are
 * {@code aws_iam_policy} resources {@code elevate_server} and, with a break-glass OS credential,
 * {@code elevate_break_glass_instance}, not attached. The text is as {@code terraform fmt} leaves it.
 */
final class TerraformConfig {

    private TerraformConfig() {
    }

    static String of(IamArtifacts artifacts) {
        StringBuilder hcl = new StringBuilder();
        hcl.append("# Elevate: IAM roles and policies for just-in-time AWS access through Keycloak realm ")
                .append(oneLine(artifacts.realm())).append(".\n")
                .append("# Generated: regenerate rather than edit. Each role is created only when the AWS provider is in ")
                .append("the role's account.\n");
        for (RoleArtifacts role : artifacts.roles()) {
            hcl.append("#\n# ").append(role.target().roleArn()).append('\n');
            role.notes().forEach(note -> hcl.append("#   ").append(oneLine(note)).append('\n'));
        }
        for (RealmPolicy policy : artifacts.realmPolicies()) {
            hcl.append("#\n# ").append(policy.kind().key()).append(" (").append(oneLine(policy.name())).append(")\n");
            policy.notes().forEach(note -> hcl.append("#   ").append(oneLine(note)).append('\n'));
        }
        hcl.append("\ndata \"aws_caller_identity\" \"elevate\" {}\n");
        Names names = new Names();
        for (RoleArtifacts role : artifacts.roles()) {
            String name = names.unique(Names.terraformName(role.target()));
            String count = "data.aws_caller_identity.elevate.account_id == " + string(role.target().accountId())
                    + " ? 1 : 0";
            Map<String, String> iamRole = new LinkedHashMap<>();
            iamRole.put("count", count);
            iamRole.put("name", string(role.target().roleName()));
            iamRole.put("max_session_duration", Integer.toString(role.maxSessionSeconds()));
            iamRole.put("assume_role_policy", jsonencode(role.trustPolicy()));
            resource(hcl, "aws_iam_role", name, iamRole);

            Map<String, String> policy = new LinkedHashMap<>();
            policy.put("count", count);
            policy.put("name", string(role.permissionPolicyName()));
            policy.put("description", string("Elevate ABAC: Session Manager only where the resource tags equal the "
                    + "elevation's session tags"));
            policy.put("policy", jsonencode(role.permissionPolicy()));
            resource(hcl, "aws_iam_policy", name + "_abac", policy);

            Map<String, String> attachment = new LinkedHashMap<>();
            attachment.put("count", count);
            attachment.put("role", "aws_iam_role." + name + "[count.index].name");
            attachment.put("policy_arn", "aws_iam_policy." + name + "_abac[count.index].arn");
            resource(hcl, "aws_iam_role_policy_attachment", name + "_abac", attachment);

            role.revocation().ifPresent(deny -> {
                Map<String, String> inline = new LinkedHashMap<>();
                inline.put("count", count);
                inline.put("name", string(role.revocationPolicyName()));
                inline.put("role", "aws_iam_role." + name + "[count.index].id");
                inline.put("policy", jsonencode(deny));
                resource(hcl, "aws_iam_role_policy", name + "_revocations", inline);
            });
        }
        for (RealmPolicy policy : artifacts.realmPolicies()) {
            Map<String, String> managed = new LinkedHashMap<>();
            managed.put("name", string(policy.name()));
            managed.put("description", string(policy.kind().description()));
            managed.put("policy", jsonencode(policy.document()));
            resource(hcl, "aws_iam_policy", policy.kind().terraformName(), managed);
        }
        return hcl.toString();
    }

    /** A resource block; like {@code terraform fmt}, the = of consecutive one-line attributes are aligned. */
    private static void resource(StringBuilder hcl, String type, String name, Map<String, String> attributes) {
        hcl.append("\nresource \"").append(type).append("\" \"").append(name).append("\" {\n");
        int width = 0;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getValue().contains("\n")) {
                break;
            }
            width = Math.max(width, attribute.getKey().length());
        }
        boolean aligned = true;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            aligned = aligned && !attribute.getValue().contains("\n");
            String key = attribute.getKey();
            hcl.append("  ").append(aligned ? pad(key, width) : key).append(" = ").append(attribute.getValue())
                    .append('\n');
        }
        hcl.append("}\n");
    }

    /** {@code jsonencode(<document>)}, the document written as an HCL object and indented as the attribute. */
    private static String jsonencode(JsonNode document) {
        return "jsonencode(" + escapeTemplates(Json.hcl(document)).replace("\n", "\n  ") + ")";
    }

    /** An HCL string literal: JSON's escapes are HCL's, plus template sequences. */
    private static String string(String value) {
        return escapeTemplates(Json.compact(TextNode.valueOf(value)));
    }

    /** HCL interpolates {@code ${...}} and {@code %{...}} in every string; IAM's policy variables must stay literal. */
    private static String escapeTemplates(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }

    private static String pad(String key, int width) {
        return key + " ".repeat(width - key.length());
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
