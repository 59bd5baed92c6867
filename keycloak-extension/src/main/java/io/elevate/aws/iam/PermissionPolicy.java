package io.elevate.aws.iam;

import io.elevate.aws.SessionTags;
import io.elevate.aws.policy.Statements;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ABAC permission policy of a role: a Session Manager shell only on instances whose tags equal the elevation's
 * principal tags, one statement per numbered slot (slot n compares {@code <Key>n} and needs {@code ElevationIdn}), the
 * shell document, terminate and resume of one's own sessions only, and the read-only calls the console needs.
 * Optionally the same tag match for Secrets Manager secrets and for an RDS reboot/failover action set.
 *
 * <p>A role shared by policies with different tag keys gets statements for each key set, and each statement also
 * requires the keys of the other sets to be absent: a window with more tags is never matched by a statement that
 * checks fewer of them, so it never reaches more than its own policy allows.
 */
final class PermissionPolicy {

    static final List<String> CONSOLE_READS = List.of("ssm:DescribeSessions", "ssm:GetConnectionStatus",
            "ssm:DescribeInstanceInformation", "ssm:DescribeInstanceProperties", "ec2:DescribeInstances");
    static final List<String> SECRET_READS = List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
    static final List<String> RDS_ACTIONS = List.of("rds:RebootDBInstance", "rds:RebootDBCluster",
            "rds:FailoverDBCluster");
    static final List<String> RDS_READS = List.of("rds:DescribeDBInstances", "rds:DescribeDBClusters");

    /**
     * Session Manager's check that the caller may use the session document, also the default one: with it in every
     * statement allowing {@code ssm:StartSession}, only {@code SSM-SessionManagerRunShell} (the account's logged
     * preferences) can start a shell.
     */
    static final String DOCUMENT_ACCESS_CHECK = "ssm:SessionDocumentAccessCheck";

    private PermissionPolicy() {
    }

    private static void documentAccessCheck(ObjectNode statement) {
        ((ObjectNode) statement.get("Condition")).putObject("BoolIfExists").put(DOCUMENT_ACCESS_CHECK, "true");
    }

    /**
     * The role's permission policy. It denies role chaining to every elevated session whose windows' policies do not
     * allow it ({@link #noChaining()}): such a session's tags, ElevationId among them, are not transitive, so the
     * revocation policy would not reach a chained session.
     */
    /** @param sessionKey the KMS key of the Session Manager preferences, which a session is encrypted with */
    static ObjectNode of(RoleTarget role, int slots, boolean secretsManager, boolean rds, String sessionKey) {
        String account = role.accountId();
        List<ObjectNode> statements = new ArrayList<>(tagMatched(role, slots,
                "StartSessionOnlyOnInstancesWhoseTagsMatchTheElevation", List.of("ssm:StartSession"),
                List.of(role.arn("ec2", "*", account, "instance/*"), role.arn("ssm", "*", account, "managed-instance/*")),
                "ssm:resourceTag/"));
        statements.forEach(PermissionPolicy::documentAccessCheck);
        ObjectNode document = Statements.allow("StartSessionWithTheShellDocument", List.of("ssm:StartSession"),
                List.of(role.arn("ssm", "*", account, "document/" + SessionPreferences.DOCUMENT_NAME)));
        ObjectNode documentCondition = document.putObject("Condition");
        documentCondition.putObject("Null").put(Statements.principalTag(SessionTags.ELEVATION_ID), "false");
        documentCondition.putObject("BoolIfExists").put(DOCUMENT_ACCESS_CHECK, "true");
        statements.add(document);
        statements.add(Statements.allow("TerminateAndResumeOnlyOwnSessions",
                List.of("ssm:TerminateSession", "ssm:ResumeSession"), List.of(role.arn("ssm", "*", "*", "session/${aws:userid}-*"))));
        statements.add(Statements.allow("FindInstancesInTheConsole", CONSOLE_READS, List.of("*")));
        if (secretsManager) {
            statements.addAll(tagMatched(role, slots, "ReadSecretsWhoseTagsMatchTheElevation", SECRET_READS,
                    List.of(role.arn("secretsmanager", "*", account, "secret:*")), "secretsmanager:ResourceTag/"));
            statements.add(Statements.allow("FindSecretsInTheConsole", List.of("secretsmanager:ListSecrets"),
                    List.of("*")));
        }
        if (rds) {
            statements.addAll(tagMatched(role, slots, "RebootAndFailOverDatabasesWhoseTagsMatchTheElevation",
                    RDS_ACTIONS, List.of(role.arn("rds", "*", account, "db:*"), role.arn("rds", "*", account, "cluster:*")),
                    "aws:ResourceTag/"));
            statements.add(Statements.allow("FindDatabasesInTheConsole", RDS_READS, List.of("*")));
        }
        statements.add(SessionKey.statement("EncryptTheSessionWithItsKey", List.of("kms:GenerateDataKey"), sessionKey,
                role.partition(), account));
        statements.add(noChaining());
        return Statements.document(statements);
    }

    /**
     * Deny {@code sts:AssumeRole} (role chaining, in any account) to a session that carries an ElevationId, unless it
     * also carries {@code ElevationChaining=allowed}: the tag Elevate adds only when every window of the session was
     * asked for under a policy that allows chaining, and then with every tag transitive, so the chained session keeps
     * its ElevationId (and its {@code ElevationChaining}) and the revocation policy on the chained role catches it. The
     * tag's absence denies ({@code StringNotEqualsIfExists}). The other
     * ways to new credentials need none of the caller's permissions ({@code AssumeRoleWithSAML},
     * {@code AssumeRoleWithWebIdentity}) or cannot be called by a role session ({@code GetFederationToken},
     * {@code GetSessionToken}).
     */
    static ObjectNode noChaining() {
        ObjectNode statement = Statements.statement("NoRoleChainingFromElevatedSessions", "Deny",
                List.of("sts:AssumeRole"));
        statement.put("Resource", "*");
        ObjectNode condition = statement.putObject("Condition");
        condition.putObject("Null").put(Statements.principalTag(SessionTags.ELEVATION_ID), "false");
        condition.putObject("StringNotEqualsIfExists").put(Statements.principalTag(SessionTags.ELEVATION_CHAINING),
                SessionTags.CHAINING_ALLOWED);
        return statement;
    }

    /** One statement per tag key set and slot, allowing the actions where every resource tag equals the principal tag. */
    private static List<ObjectNode> tagMatched(RoleTarget role, int slots, String sid, List<String> actions,
                                               List<String> resources, String resourceTagPrefix) {
        List<ObjectNode> statements = new ArrayList<>();
        List<List<String>> keySets = role.tagKeySets();
        for (int set = 1; set <= keySets.size(); set++) {
            List<String> keys = keySets.get(set - 1);
            Set<String> others = RoleTarget.caseInsensitive(role.allTagKeys());
            others.removeAll(RoleTarget.caseInsensitive(keys));
            for (int slot = 1; slot <= slots; slot++) {
                String name = sid + (keySets.size() > 1 ? "Set" + set : "") + (slot > 1 ? "Slot" + slot : "");
                ObjectNode statement = Statements.allow(name, actions, resources);
                ObjectNode condition = statement.putObject("Condition");
                ObjectNode equals = condition.putObject("StringEquals");
                ObjectNode present = condition.putObject("Null");
                String suffix = Statements.slotSuffix(slot);
                for (String key : keys) {
                    equals.put(resourceTagPrefix + key, Statements.principalTagVariable(key + suffix));
                    present.put(Statements.principalTag(key + suffix), "false");
                }
                present.put(Statements.principalTag(SessionTags.ELEVATION_ID + suffix), "false");
                others.forEach(key -> present.put(Statements.principalTag(key + suffix), "true"));
                statements.add(statement);
            }
        }
        return statements;
    }
}
