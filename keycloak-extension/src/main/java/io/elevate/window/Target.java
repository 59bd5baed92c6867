package io.elevate.window;

import io.elevate.Arns;
import io.elevate.AwsPartition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an elevation grants: an IAM role of an AWS account reached through a SAML provider, in a region, scoped by ABAC
 * tags and optionally pinned to one EC2 instance.
 *
 * @param instanceId the EC2 instance the Session Manager deep link opens, or null
 * @param tags       ABAC tag key to value, in the order they were given
 * @param roleChaining whether a session of this target may assume other roles: its policy allowed it when the window
 *                     was asked for (then the session tags are transitive); false for every other window
 * @param runAsUser    the OS user Session Manager runs the window's shells as (session tag {@code SSMSessionRunAs}),
 *                     as its policy said when it was asked for; null: Session Manager's default
 */
public record Target(String accountId, String roleName, String samlProvider, String region, String instanceId,
                     Map<String, String> tags, boolean roleChaining, String runAsUser) {

    public Target {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A target whose sessions may not chain roles and run shells as Session Manager's default user: every admin grant. */
    public Target(String accountId, String roleName, String samlProvider, String region, String instanceId,
                  Map<String, String> tags) {
        this(accountId, roleName, samlProvider, region, instanceId, tags, false, null);
    }

    public String roleArn() {
        return Arns.role(AwsPartition.forRegion(region), accountId, roleName);
    }

    public String samlProviderArn() {
        return Arns.samlProvider(AwsPartition.forRegion(region), accountId, samlProvider);
    }

    /** True when both targets assume the same role through the same provider, so their tag sets can share a session. */
    public boolean sameRoleAs(Target other) {
        return accountId.equals(other.accountId) && roleName.equals(other.roleName)
                && samlProvider.equals(other.samlProvider);
    }
}
