package io.elevate.aws.iam;

import java.util.HashSet;
import java.util.Set;

/** Identifiers for rendered templates, derived from account and role name, unique within one rendering. */
final class Names {

    private final Set<String> used = new HashSet<>();

    /**
     * A name made of {@code base}, free together with the names derived from it by appending {@code suffixes}; when
     * taken, a counter is appended. All of them are then taken.
     */
    String unique(String base, String... suffixes) {
        String name = base;
        for (int n = 2; !free(name, suffixes); n++) {
            name = base + n;
        }
        used.add(name);
        for (String suffix : suffixes) {
            used.add(name + suffix);
        }
        return name;
    }

    private boolean free(String name, String... suffixes) {
        if (used.contains(name)) {
            return false;
        }
        for (String suffix : suffixes) {
            if (used.contains(name + suffix)) {
                return false;
            }
        }
        return true;
    }

    /** CloudFormation logical ids: letters and digits only. */
    static String logicalId(RoleTarget role) {
        return "Role" + role.accountId() + role.roleName().replaceAll("[^A-Za-z0-9]", "");
    }

    /** Terraform resource names: letters, digits, underscores and dashes, starting with a letter. */
    static String terraformName(RoleTarget role) {
        return "elevate_" + role.accountId() + "_" + role.roleName().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** A managed policy's name for a realm: IAM allows letters, digits and {@code +=,.@_-}, 128 at most. */
    static String managedPolicy(String prefix, String realm) {
        String name = prefix + realm.replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
        return name.length() <= 128 ? name : name.substring(0, 128);
    }

    static String accountCondition(String accountId) {
        return "InAccount" + accountId;
    }
}
