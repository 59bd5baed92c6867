package io.elevate.aws.iam;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's size limits on the documents as Elevate deploys them: the trust policy on the role, the permission policy as a
 * customer managed policy attached to the role, the revocation policy as the role's inline policy, and the realm-level
 * policies (the server's, the break-glass instances') and each account's managed nodes' logging policy as customer
 * managed policies.
 */
final class Limits {

    /** Role trust policy length, AWS's default quota (it can be raised to 4,096). */
    static final int TRUST_POLICY = 2_048;
    static final int MANAGED_POLICY = 6_144;
    /** All inline policies of one role together. */
    static final int INLINE_POLICIES = io.elevate.aws.policy.RevocationPolicy.MAX_CHARACTERS;

    private Limits() {
    }

    static List<Overflow> check(RoleArtifacts role) {
        List<Overflow> overflows = new ArrayList<>();
        String arn = role.target().roleArn();
        exceeds(overflows, arn, RoleArtifacts.TRUST_POLICY, "role trust policy limit", TRUST_POLICY,
                role.sizes().trustPolicy());
        exceeds(overflows, arn, RoleArtifacts.PERMISSION_POLICY, "managed policy limit", MANAGED_POLICY,
                role.sizes().permissionPolicy());
        exceeds(overflows, arn, RoleArtifacts.REVOCATION_POLICY, "limit on a role's inline policies in total",
                INLINE_POLICIES, role.sizes().inlinePolicies());
        return overflows;
    }

    /** A realm-level document, deployed as a customer managed policy. */
    static List<Overflow> check(String realm, RealmPolicy policy) {
        List<Overflow> overflows = new ArrayList<>();
        exceeds(overflows, "realm " + realm, policy.kind().key(), "managed policy limit", MANAGED_POLICY,
                policy.size());
        return overflows;
    }

    /** An account's managed nodes' logging policy, deployed as a customer managed policy. */
    static List<Overflow> check(SessionPreferences account) {
        List<Overflow> overflows = new ArrayList<>();
        exceeds(overflows, "account " + account.accountId(), "sessionNodePolicy", "managed policy limit",
                MANAGED_POLICY, account.nodePolicy().size());
        return overflows;
    }

    private static void exceeds(List<Overflow> overflows, String arn, String document, String limit, int maximum,
                                int size) {
        if (size > maximum) {
            overflows.add(new Overflow(arn, document, limit, maximum, size));
        }
    }
}
