package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;
import io.elevate.aws.policy.Statements;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The role trust policy: only the realm's IAM SAML provider(s) may assume the role, only for the AWS sign-in audience,
 * and they may tag the session ({@code PrincipalTag:*}; without it AWS refuses the whole sign-in) and set its source
 * identity (the person, which CloudTrail records on every action).
 */
final class TrustPolicy {

    static final String SIGN_IN_AUDIENCE = "https://signin.aws.amazon.com/saml";
    static final List<String> ACTIONS = List.of("sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity");

    private TrustPolicy() {
    }

    static ObjectNode of(RoleTarget role) {
        ObjectNode statement = Json.object();
        statement.put("Sid", "ElevateSamlSignIn");
        statement.put("Effect", "Allow");
        statement.putObject("Principal").set("Federated", Json.oneOrMany(role.samlProviderArns()));
        statement.set("Action", Json.array(ACTIONS));
        statement.putObject("Condition").putObject("StringEquals").put("SAML:aud", SIGN_IN_AUDIENCE);
        return Statements.document(List.of(statement));
    }
}
