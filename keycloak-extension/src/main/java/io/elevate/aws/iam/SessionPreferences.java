package io.elevate.aws.iam;

import io.elevate.AwsPartition;
import io.elevate.aws.policy.Json;
import io.elevate.workflow.ElevationPolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Session Manager preferences of one account, the document {@code SSM-SessionManagerRunShell} (type
 * {@code Session}) that every default shell uses, so that no elevated shell runs unlogged: the session logged to an
 * encrypted CloudWatch Logs log group, an encrypted S3 bucket, or both, the session data encrypted with a KMS key, an
 * idle timeout, and a maximum session no longer than the shortest window the account's policies allow. The permission
 * policy allows {@code ssm:StartSession} only with this document and a session document access check; the managed
 * nodes' instance profile needs the {@link SessionNodePolicy} to write the logs.
 *
 * @param regions           the regions of the account's policies: the document exists per region
 * @param maxSessionMinutes the shortest maximum duration of the account's policies, in minutes (1 to 1,440)
 * @param nodePolicy        the managed policy the account's managed nodes need to log and decrypt the sessions
 */
record SessionPreferences(String accountId, AwsPartition partition, List<String> regions, int maxSessionMinutes,
                          ObjectNode document, SessionNodePolicy nodePolicy) {

    static final String DOCUMENT_NAME = "SSM-SessionManagerRunShell";
    /** Session Manager's bounds of maxSessionDuration, in minutes. */
    static final int MAX_MINUTES = 1_440;
    /** The OS user the SSM Agent creates and runs shells as when Run As is off. */
    static final String RUN_AS_DEFAULT_USER = "ssm-user";

    SessionPreferences {
        regions = List.copyOf(regions);
    }

    /** One document per account of the policies, in the order the accounts first appear. */
    static List<SessionPreferences> of(String realm, List<ElevationPolicy> policies, SessionSettings settings) {
        Map<String, List<ElevationPolicy>> byAccount = new LinkedHashMap<>();
        policies.forEach(p -> byAccount.computeIfAbsent(p.accountId(), k -> new ArrayList<>()).add(p));
        List<SessionPreferences> result = new ArrayList<>();
        byAccount.forEach((account, accountPolicies) -> {
            Duration shortest = accountPolicies.stream().map(ElevationPolicy::maxDuration)
                    .min(Duration::compareTo).orElse(Duration.ofHours(1));
            int minutes = (int) Math.max(1, Math.min(MAX_MINUTES, shortest.toMinutes()));
            List<String> regions = accountPolicies.stream().map(ElevationPolicy::region).distinct().toList();
            AwsPartition partition = AwsPartition.forRegion(accountPolicies.get(0).region());
            boolean runAs = accountPolicies.stream().anyMatch(p -> p.runAsUser() != null);
            result.add(new SessionPreferences(account, partition, regions, minutes, document(minutes, settings, runAs),
                    SessionNodePolicy.of(realm, partition, account, regions, settings)));
        });
        return result;
    }

    /**
     * @param runAs whether a policy of the account names an OS user for its shells: then Run As is on, and a session
     *              without the {@code SSMSessionRunAs} tag runs as {@value #RUN_AS_DEFAULT_USER}, the user Session
     *              Manager uses when Run As is off
     */
    static ObjectNode document(int maxSessionMinutes, SessionSettings settings, boolean runAs) {
        ObjectNode document = Json.object();
        document.put("schemaVersion", "1.0");
        document.put("description", "Session Manager preferences (Elevate): every shell logged to "
                + (settings.logGroup().isPresent() && settings.s3Bucket().isPresent() ? "CloudWatch Logs and S3"
                : settings.s3Bucket().isPresent() ? "S3" : "CloudWatch Logs")
                + ", encrypted with KMS, ended when idle and at the elevation's maximum duration.");
        document.put("sessionType", "Standard_Stream");
        ObjectNode inputs = document.putObject("inputs");
        inputs.put("s3BucketName", settings.s3Bucket().orElse(""));
        inputs.put("s3KeyPrefix", settings.s3KeyPrefix());
        inputs.put("s3EncryptionEnabled", true);
        inputs.put("cloudWatchLogGroupName", settings.logGroup().orElse(""));
        inputs.put("cloudWatchEncryptionEnabled", true);
        inputs.put("cloudWatchStreamingEnabled", settings.logGroup().isPresent());
        inputs.put("kmsKeyId", settings.kmsKey());
        inputs.put("runAsEnabled", runAs);
        inputs.put("runAsDefaultUser", runAs ? RUN_AS_DEFAULT_USER : "");
        inputs.put("idleSessionTimeout", Integer.toString(settings.idleTimeoutMinutes()));
        inputs.put("maxSessionDuration", Integer.toString(maxSessionMinutes));
        ObjectNode shell = inputs.putObject("shellProfile");
        shell.put("windows", "");
        shell.put("linux", "");
        return document;
    }
}
