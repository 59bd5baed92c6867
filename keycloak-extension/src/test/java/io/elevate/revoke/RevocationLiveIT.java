package io.elevate.revoke;

import io.elevate.AwsPartition;
import io.elevate.aws.client.AwsClients;
import io.elevate.aws.policy.RevocationPolicy;
import io.elevate.testing.aws.LiveAws;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.net.URLDecoder;
import java.util.List;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The revocation deny policy on a real role ({@code ./mvnw -Paws-live verify}): {@code ELEVATE_LIVE_ROLE} names a
 * role of the account that the credentials may put, get and delete the {@code elevate-revocations} inline policy of
 * (a test role: the policy is removed at the end).
 */
@DisplayName("Revocation in a real AWS account")
class RevocationLiveIT {

    private String role;

    @BeforeEach
    void requireAccount() {
        LiveAws.assumeCredentials();
        role = LiveAws.require("ELEVATE_LIVE_ROLE", "an IAM role name whose elevate-revocations inline policy the "
                + "test may write and delete");
    }

    @Test
    void putsReadsAndDeletesTheDenyPolicyOfARevokedElevation() {
        String id = UUID.randomUUID().toString();
        String document = RevocationPolicy.compact(3, List.of(id)).orElseThrow();
        try (AwsClients aws = new AwsClients(LiveAws.settings())) {
            AwsPartition partition = AwsPartition.forRegion(aws.settings().defaultRegion());
            AwsRolePolicies policies = new AwsRolePolicies(aws::iam);
            RevocationOutbox.RoleKey key = new RevocationOutbox.RoleKey(partition, null, role);

            policies.put(key, document);
            String stored = aws.iam(partition).getRolePolicy(r -> r.roleName(role)
                    .policyName(RevocationPolicy.INLINE_POLICY_NAME)).policyDocument();
            policies.delete(key);

            assertThat(URLDecoder.decode(stored, UTF_8)).contains(id, "\"Deny\"");
            assertThatThrownBy(() -> aws.iam(partition).getRolePolicy(r -> r.roleName(role)
                    .policyName(RevocationPolicy.INLINE_POLICY_NAME))).isInstanceOf(NoSuchEntityException.class);
            policies.delete(key); // deleting again is a no-op, as the worker relies on
        }
    }
}
