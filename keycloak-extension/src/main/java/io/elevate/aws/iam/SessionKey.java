package io.elevate.aws.iam;

import io.elevate.Arns;
import io.elevate.AwsPartition;
import io.elevate.aws.policy.Statements;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KMS key that encrypts Session Manager sessions ({@code kmsKeyId} of the preferences), as AWS accepts it there:
 * an alias ({@code alias/...}), a key ARN, or a key id. The IAM statements about the key name it accordingly: an alias
 * by the {@code kms:ResourceAliases} condition on the account's keys, an ARN as the resource, a key id as the key of
 * that id in the account.
 */
final class SessionKey {

    enum Kind { ALIAS, ARN, ID }

    /** KMS's alias name rule (CreateAlias), {@code alias/} included, 256 characters at most. */
    static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9/_-]+");
    static final int ALIAS_MAX = 256;
    /** A key id: a UUID, or a multi-Region key's {@code mrk-} id. */
    static final String KEY_ID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
    static final Pattern ID = Pattern.compile(KEY_ID);
    static final Pattern ARN = Pattern.compile("arn:([a-z-]+):kms:([a-z]{2}(?:-[a-z]+)+-[0-9]+):([0-9]{12}):key/"
            + KEY_ID);

    private SessionKey() {
    }

    /** The kind of a valid key, or empty with the reason in {@code problems}. */
    static Optional<Kind> check(String key, List<String> problems) {
        if (key.startsWith("alias/")) {
            if (key.length() > ALIAS_MAX) {
                problems.add("an alias has at most " + ALIAS_MAX + " characters, not " + key.length());
            } else if (!ALIAS.matcher(key).matches()) {
                problems.add("an alias is alias/ followed by letters, digits, /, _ and - only");
            } else if (key.startsWith("alias/aws/")) {
                problems.add("alias/aws/ names AWS managed keys; Session Manager needs a customer managed key");
            } else {
                return Optional.of(Kind.ALIAS);
            }
            return Optional.empty();
        }
        if (key.startsWith("arn:")) {
            Matcher arn = ARN.matcher(key);
            if (!arn.matches()) {
                problems.add("a key ARN is arn:<partition>:kms:<region>:<account>:key/<key id>");
                return Optional.empty();
            }
            Optional<AwsPartition> partition = AwsPartition.ofId(arn.group(1));
            if (partition.isEmpty()) {
                problems.add("'" + arn.group(1) + "' is not a partition of " + List.of(AwsPartition.values())
                        .stream().map(AwsPartition::id).toList());
                return Optional.empty();
            }
            if (!AwsPartition.ofRegion(arn.group(2)).equals(partition)) {
                problems.add("region " + arn.group(2) + " is not in partition " + arn.group(1));
                return Optional.empty();
            }
            return Optional.of(Kind.ARN);
        }
        if (ID.matcher(key).matches()) {
            return Optional.of(Kind.ID);
        }
        problems.add("must be an alias (alias/...), a key ARN or a key id (lowercase UUID or mrk-...)");
        return Optional.empty();
    }

    static Kind kind(String key) {
        return key.startsWith("alias/") ? Kind.ALIAS : key.startsWith("arn:") ? Kind.ARN : Kind.ID;
    }

    /** The partition a key ARN names; empty for an alias or a key id, which name a key of each account. */
    static Optional<AwsPartition> partition(String key) {
        Matcher arn = ARN.matcher(key);
        return arn.matches() ? AwsPartition.ofId(arn.group(1)) : Optional.empty();
    }

    /** The resources of a statement about the key, for an account's sessions in that partition. */
    static List<String> resources(String key, AwsPartition partition, String account) {
        return switch (kind(key)) {
            case ALIAS -> List.of(Arns.of(partition, "kms", "*", account, "key/*"));
            case ARN -> List.of(key);
            case ID -> List.of(Arns.of(partition, "kms", "*", account, "key/" + key));
        };
    }

    /** A statement about the key: on its resources, and for an alias only the keys it names. */
    static ObjectNode statement(String sid, List<String> actions, String key, AwsPartition partition, String account) {
        ObjectNode statement = Statements.allow(sid, actions, resources(key, partition, account));
        if (kind(key) == Kind.ALIAS) {
            statement.putObject("Condition").putObject("ForAnyValue:StringEquals").put("kms:ResourceAliases", key);
        }
        return statement;
    }
}
