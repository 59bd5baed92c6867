package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The artifacts as one JSON object keyed by role ARN: the three IAM documents of each role, ready for
 * {@code aws iam create-role} / {@code create-policy} / {@code put-role-policy}, with their sizes and notes; next to
 * the roles, {@code serverPolicy} and (with a break-glass OS credential) {@code breakGlassInstancePolicy}, each with
 * its managed policy name, document, size, limit and notes; and {@code sessionPreferences}, the Session Manager
 * preferences document of each account with its {@code nodePolicy}, what the account's managed nodes need to log the
 * sessions.
 */
final class JsonOutput {

    private JsonOutput() {
    }

    static ObjectNode of(IamArtifacts artifacts) {
        ObjectNode result = Json.object();
        for (RoleArtifacts role : artifacts.roles()) {
            ObjectNode entry = result.putObject(role.target().roleArn());
            entry.put("accountId", role.target().accountId());
            entry.put("roleName", role.target().roleName());
            entry.set("policies", Json.array(role.target().policyNames()));
            entry.put("slots", role.slots());
            entry.put("maxSessionDuration", role.maxSessionSeconds());
            entry.set(RoleArtifacts.TRUST_POLICY, role.trustPolicy());
            entry.put("permissionPolicyName", role.permissionPolicyName());
            entry.set(RoleArtifacts.PERMISSION_POLICY, role.permissionPolicy());
            entry.put("revocationPolicyName", role.revocationPolicyName());
            entry.set(RoleArtifacts.REVOCATION_POLICY, role.revocationPolicy());
            RoleArtifacts.Sizes sizes = role.sizes();
            ObjectNode size = entry.putObject("sizes");
            size.put(RoleArtifacts.TRUST_POLICY, sizes.trustPolicy());
            size.put(RoleArtifacts.PERMISSION_POLICY, sizes.permissionPolicy());
            size.put(RoleArtifacts.REVOCATION_POLICY, sizes.revocationPolicy());
            ObjectNode limits = entry.putObject("limits");
            limits.put(RoleArtifacts.TRUST_POLICY, Limits.TRUST_POLICY);
            limits.put(RoleArtifacts.PERMISSION_POLICY, Limits.MANAGED_POLICY);
            limits.put("inlinePolicies", Limits.INLINE_POLICIES);
            entry.set("notes", Json.array(role.notes()));
        }
        for (RealmPolicy policy : artifacts.realmPolicies()) {
            ObjectNode entry = result.putObject(policy.kind().key());
            entry.put("policyName", policy.name());
            entry.put("description", policy.kind().description());
            entry.set("policy", policy.document());
            entry.put("size", policy.size());
            entry.put("limit", Limits.MANAGED_POLICY);
            entry.set("notes", Json.array(policy.notes()));
        }
        if (!artifacts.sessionPreferences().isEmpty()) {
            ObjectNode preferences = result.putObject("sessionPreferences");
            for (SessionPreferences account : artifacts.sessionPreferences()) {
                ObjectNode entry = preferences.putObject(account.accountId());
                entry.put("documentName", SessionPreferences.DOCUMENT_NAME);
                entry.put("documentType", "Session");
                entry.set("regions", Json.array(account.regions()));
                entry.set("content", account.document());
                SessionNodePolicy node = account.nodePolicy();
                ObjectNode nodePolicy = entry.putObject("nodePolicy");
                nodePolicy.put("policyName", node.name());
                nodePolicy.put("description", SessionNodePolicy.DESCRIPTION);
                nodePolicy.set("policy", node.document());
                nodePolicy.put("size", node.size());
                nodePolicy.put("limit", Limits.MANAGED_POLICY);
                nodePolicy.set("notes", Json.array(node.notes()));
            }
        }
        return result;
    }
}
