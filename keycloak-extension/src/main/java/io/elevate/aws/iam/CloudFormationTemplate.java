package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A CloudFormation template (JSON, which CloudFormation reads as it reads YAML): per role an {@code AWS::IAM::Role}
 * with the trust policy and the revocation policy inline, and an {@code AWS::IAM::ManagedPolicy} with the permission
 * policy attached to it. Each role's resources carry the condition that the stack runs in the role's account, so one
 * template serves every account (e.g. as a StackSet). The realm-level managed policies ({@code ElevateServerPolicy},
 * and {@code ElevateBreakGlassInstancePolicy} with a break-glass OS credential) are not conditioned nor attached: the
 * role Keycloak runs with and the instances' profile are the admin's. Per account, the Session Manager preferences
 * ({@code AWS::SSM::Document}) and the managed policy its managed nodes need to log the sessions
 * ({@code SessionManagerNodeLogging<account>}, not attached either). It names its roles: deploy with
 * {@code CAPABILITY_NAMED_IAM}.
 */
final class CloudFormationTemplate {

    private CloudFormationTemplate() {
    }

    static ObjectNode of(IamArtifacts artifacts) {
        ObjectNode template = Json.object();
        template.put("AWSTemplateFormatVersion", "2010-09-09");
        template.put("Description", "Elevate: IAM roles and policies for just-in-time AWS access through Keycloak realm "
                + abbreviate(artifacts.realm()) + ". Generated: regenerate rather than edit.");
        ObjectNode metadata = template.putObject("Metadata").putObject("Elevate");
        ObjectNode conditions = template.putObject("Conditions");
        ObjectNode resources = template.putObject("Resources");
        ObjectNode outputs = template.putObject("Outputs");
        Set<String> accounts = new LinkedHashSet<>();
        Names names = new Names();
        for (RoleArtifacts role : artifacts.roles()) {
            String account = role.target().accountId();
            String condition = Names.accountCondition(account);
            if (accounts.add(account)) {
                ArrayNode equals = conditions.putObject(condition).putArray("Fn::Equals");
                equals.addObject().put("Ref", "AWS::AccountId");
                equals.add(account);
            }
            String id = names.unique(Names.logicalId(role.target()), "Abac");
            metadata.set(id, Json.array(role.notes()));

            ObjectNode iamRole = resource(resources, id, "AWS::IAM::Role", condition);
            iamRole.put("RoleName", role.target().roleName());
            iamRole.put("MaxSessionDuration", role.maxSessionSeconds());
            iamRole.set("AssumeRolePolicyDocument", role.trustPolicy());
            role.revocation().ifPresent(deny -> {
                ObjectNode inline = iamRole.putArray("Policies").addObject();
                inline.put("PolicyName", role.revocationPolicyName());
                inline.set("PolicyDocument", deny);
            });

            ObjectNode managed = resource(resources, id + "Abac", "AWS::IAM::ManagedPolicy", condition);
            managed.put("ManagedPolicyName", role.permissionPolicyName());
            managed.put("Description", "Elevate ABAC: Session Manager only where the resource tags equal the "
                    + "elevation's session tags");
            managed.set("PolicyDocument", role.permissionPolicy());
            managed.putArray("Roles").addObject().put("Ref", id);

            ObjectNode output = outputs.putObject(id + "Arn");
            output.put("Condition", condition);
            output.putObject("Value").putArray("Fn::GetAtt").add(id).add("Arn");
        }
        for (SessionPreferences account : artifacts.sessionPreferences()) {
            String condition = Names.accountCondition(account.accountId());
            if (accounts.add(account.accountId())) {
                ArrayNode equals = conditions.putObject(condition).putArray("Fn::Equals");
                equals.addObject().put("Ref", "AWS::AccountId");
                equals.add(account.accountId());
            }
            ObjectNode document = resource(resources, "SessionManagerPreferences" + account.accountId(),
                    "AWS::SSM::Document", condition);
            document.put("Name", SessionPreferences.DOCUMENT_NAME);
            document.put("DocumentType", "Session");
            document.put("UpdateMethod", "NewVersion");
            document.set("Content", account.document());

            String nodeId = "SessionManagerNodeLogging" + account.accountId();
            metadata.set(nodeId, Json.array(account.nodePolicy().notes()));
            ObjectNode node = resource(resources, nodeId, "AWS::IAM::ManagedPolicy", condition);
            node.put("ManagedPolicyName", account.nodePolicy().name());
            node.put("Description", SessionNodePolicy.DESCRIPTION);
            node.set("PolicyDocument", account.nodePolicy().document());
            ObjectNode output = outputs.putObject(nodeId + "Arn");
            output.put("Condition", condition);
            output.putObject("Value").put("Ref", nodeId);
        }
        for (RealmPolicy policy : artifacts.realmPolicies()) {
            String id = policy.kind().logicalId();
            metadata.set(id, Json.array(policy.notes()));
            ObjectNode resource = resources.putObject(id);
            resource.put("Type", "AWS::IAM::ManagedPolicy");
            ObjectNode properties = resource.putObject("Properties");
            properties.put("ManagedPolicyName", policy.name());
            properties.put("Description", policy.kind().description());
            properties.set("PolicyDocument", policy.document());
            outputs.putObject(id + "Arn").putObject("Value").put("Ref", id);
        }
        return template;
    }

    private static ObjectNode resource(ObjectNode resources, String id, String type, String condition) {
        ObjectNode resource = resources.putObject(id);
        resource.put("Type", type);
        resource.put("Condition", condition);
        return resource.putObject("Properties");
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 97) + "...";
    }
}
