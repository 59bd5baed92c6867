package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;
import io.elevate.aws.policy.Statements;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The role trust policy: only the realm's IAM SAML provider(s) may assume the role, only for the sign-in endpoint of
 * the role's partition ({@code SAML:aud}: {@code https://signin.aws.amazon.com/saml},
 * {@code https://signin.amazonaws-us-gov.com/saml} or {@code https://signin.amazonaws.cn/saml}),
 * and they may tag the session ({@code PrincipalTag:*}; without it AWS refuses the whole sign-in) and set its source
 * identity (the person, which CloudTrail records on every action).
 */
final class TrustPolicy {

    static final List<String> ACTIONS = List.of("sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity");

    private TrustPolicy() {
    }

    /** Trusting only the partition's global sign-in endpoint. */
    /**
     * @param endpoints every sign-in endpoint the role's AWS clients post to (global and regional ones kept for
     *                  failover): {@code SAML:aud} lists them all
     */
    static ObjectNode of(RoleTarget role, List<String> endpoints) {
        ObjectNode statement = Json.object();
        statement.put("Sid", "ElevateSamlSignIn");
        statement.put("Effect", "Allow");
        statement.putObject("Principal").set("Federated", Json.oneOrMany(role.samlProviderArns()));
        statement.set("Action", Json.array(ACTIONS));
        statement.putObject("Condition").putObject("StringEquals").set("SAML:aud",
                Json.oneOrMany(endpoints));
        return Statements.document(List.of(statement));
    }
}
