package io.elevate.aws.iam;

import io.elevate.Arns;
import io.elevate.AwsPartition;
import io.elevate.aws.policy.Json;
import io.elevate.aws.policy.Statements;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the instance profile of an account's managed nodes needs so that the SSM agent can log and decrypt the shells
 * the preferences require, as AWS documents it for Session Manager: write to the log group
 * ({@code logs:CreateLogStream}, {@code logs:PutLogEvents}, {@code logs:DescribeLogStreams}) and find it
 * ({@code logs:DescribeLogGroups}, which IAM authorizes on every log group of the region), put objects under the bucket's
 * key prefix ({@code s3:PutObject}) and read the bucket's encryption ({@code s3:GetEncryptionConfiguration}), and
 * decrypt the session with its key ({@code kms:Decrypt}). A customer managed policy per account, not attached: the
 * instance profile is the admin's.
 *
 * @param name     the managed policy's name (one per account, so it names the realm)
 * @param document the IAM policy document
 * @param notes    what a reader should know
 */
record SessionNodePolicy(String name, ObjectNode document, List<String> notes) {

    static final String NAME_PREFIX = "elevate-session-node-logging-";
    static final String DESCRIPTION = "Elevate: what managed nodes need to log and decrypt Session Manager sessions";
    static final List<String> LOG_WRITES = List.of("logs:CreateLogStream", "logs:PutLogEvents",
            "logs:DescribeLogStreams");

    SessionNodePolicy {
        notes = List.copyOf(notes);
    }

    static SessionNodePolicy of(String realm, AwsPartition partition, String account, List<String> regions,
                                SessionSettings settings) {
        List<ObjectNode> statements = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("attach to the instance profile role of the managed nodes of account " + account
                + ", next to what the SSM agent needs (e.g. AmazonSSMManagedInstanceCore)");
        settings.logGroup().ifPresent(logGroup -> {
            List<String> groups = new ArrayList<>();
            List<String> everyGroup = new ArrayList<>();
            for (String region : regions) {
                groups.add(Arns.of(partition, "logs", region, account, "log-group:" + logGroup));
                groups.add(Arns.of(partition, "logs", region, account, "log-group:" + logGroup + ":*"));
                everyGroup.add(Arns.of(partition, "logs", region, account, "log-group:*"));
            }
            statements.add(Statements.allow("WriteSessionLogsToTheLogGroup", LOG_WRITES, groups));
            statements.add(Statements.allow("FindTheEncryptedLogGroup", List.of("logs:DescribeLogGroups"),
                    everyGroup));
            notes.add("log group " + logGroup + " in " + regions + ": create it encrypted with a KMS key (the "
                    + "preferences require an encrypted log group)");
        });
        settings.s3Bucket().ifPresent(bucket -> {
            statements.add(Statements.allow("WriteSessionLogsToTheBucket", List.of("s3:PutObject"),
                    List.of(Arns.of(partition, "s3", "", "", bucket + "/" + settings.s3KeyPrefix() + "*"))));
            statements.add(Statements.allow("CheckTheBucketIsEncrypted", List.of("s3:GetEncryptionConfiguration"),
                    List.of(Arns.of(partition, "s3", "", "", bucket))));
            notes.add("bucket " + bucket + (settings.s3KeyPrefix().isEmpty() ? ""
                    : ", objects under " + settings.s3KeyPrefix() + "*") + ": turn on default encryption (the "
                    + "preferences require an encrypted bucket); with SSE-KMS the nodes also need kms:GenerateDataKey "
                    + "on the bucket's key");
        });
        statements.add(SessionKey.statement("DecryptTheSessionWithItsKey", List.of("kms:Decrypt"), settings.kmsKey(),
                partition, account));
        return new SessionNodePolicy(policyName(realm), Statements.document(statements), notes);
    }

    static String policyName(String realm) {
        return Names.managedPolicy(NAME_PREFIX, realm);
    }

    int size() {
        return Json.size(document);
    }
}
