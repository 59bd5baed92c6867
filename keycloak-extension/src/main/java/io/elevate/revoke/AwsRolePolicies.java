package io.elevate.revoke;

import io.elevate.aws.policy.RevocationPolicy;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The revocation deny policy of a role in IAM ({@code PutRolePolicy}/{@code DeleteRolePolicy}), through the server's
 * IAM client (see {@link io.elevate.aws.client.AwsClients}: not retried by the SDK, since the outbox retries with its
 * own backoff).
 */
final class AwsRolePolicies implements RolePolicies {

    private final IamClient iam;

    AwsRolePolicies(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public void put(RevocationOutbox.RoleKey role, String document) {
        iam.putRolePolicy(r -> r.roleName(role.roleName()).policyName(RevocationPolicy.INLINE_POLICY_NAME)
                .policyDocument(document));
    }

    @Override
    public void delete(RevocationOutbox.RoleKey role) {
        try {
            iam.deleteRolePolicy(r -> r.roleName(role.roleName()).policyName(RevocationPolicy.INLINE_POLICY_NAME));
        } catch (NoSuchEntityException alreadyGone) {
            // nothing to delete: the role is as it should be
        }
    }
}
