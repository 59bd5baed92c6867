package io.elevate.revoke;

import io.elevate.AwsPartition;
import io.elevate.aws.policy.RevocationPolicy;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.util.function.Function;

/**
 * The revocation deny policy of a role in IAM ({@code PutRolePolicy}/{@code DeleteRolePolicy}), through the IAM
 * client of the role's partition (see {@link io.elevate.aws.client.AwsClients#iam}: signed for that partition's IAM
 * region, not retried by the SDK, since the outbox retries with its own backoff).
 */
final class AwsRolePolicies implements RolePolicies {

    private final Function<AwsPartition, IamClient> iam;

    AwsRolePolicies(Function<AwsPartition, IamClient> iam) {
        this.iam = iam;
    }

    @Override
    public void put(RevocationOutbox.RoleKey role, String document) {
        iam.apply(role.partition()).putRolePolicy(r -> r.roleName(role.roleName())
                .policyName(RevocationPolicy.INLINE_POLICY_NAME).policyDocument(document));
    }

    @Override
    public void delete(RevocationOutbox.RoleKey role) {
        try {
            iam.apply(role.partition()).deleteRolePolicy(r -> r.roleName(role.roleName())
                    .policyName(RevocationPolicy.INLINE_POLICY_NAME));
        } catch (NoSuchEntityException alreadyGone) {
            // nothing to delete: the role is as it should be
        }
    }
}
