package io.elevate.aws.iam;

import io.elevate.AwsPartition;
import io.elevate.validation.Violation;
import io.elevate.workflow.ElevationPolicy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the Session Manager preferences say besides the maximum duration: where every shell is logged (a CloudWatch
 * Logs log group, an S3 bucket and key prefix, or both; never neither), the KMS key that encrypts the session, and the
 * idle timeout. Built only through {@link #check}, which refuses every value AWS would refuse or that would widen the
 * generated policies; nothing is rewritten.
 *
 * @param logGroup    the log group, or empty when the shells are not logged to CloudWatch Logs
 * @param s3Bucket    the bucket, or empty when the shells are not logged to S3
 * @param s3KeyPrefix the key prefix in the bucket; empty for none
 * @param kmsKey      an alias ({@code alias/...}), a key ARN or a key id
 * @param idleTimeoutMinutes 1 to 60
 */
public record SessionSettings(Optional<String> logGroup, Optional<String> s3Bucket, String s3KeyPrefix, String kmsKey,
                              int idleTimeoutMinutes) {

    public static final String LOG_GROUP = "logGroup";
    public static final String CLOUDWATCH_LOGS = "cloudWatchLogs";
    public static final String S3_BUCKET = "s3Bucket";
    public static final String S3_KEY_PREFIX = "s3KeyPrefix";
    public static final String KMS_KEY = "kmsKey";
    public static final String IDLE_TIMEOUT = "idleTimeout";
    public static final List<String> FIELDS = List.of(LOG_GROUP, CLOUDWATCH_LOGS, S3_BUCKET, S3_KEY_PREFIX, KMS_KEY,
            IDLE_TIMEOUT);

    public static final String DEFAULT_LOG_GROUP = "/elevate/session-manager";
    public static final String DEFAULT_KMS_KEY = "alias/elevate-session-manager";
    public static final int DEFAULT_IDLE_TIMEOUT = 20;
    /** Session Manager's bounds of idleSessionTimeout, in minutes. */
    public static final int MIN_IDLE_TIMEOUT = 1;
    public static final int MAX_IDLE_TIMEOUT = 60;

    /** CloudWatch Logs' log group name rule (CreateLogGroup). */
    static final Pattern LOG_GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]+");
    static final int LOG_GROUP_MAX = 512;
    /** S3's general purpose bucket naming rules. */
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern IP_ADDRESS = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    static final List<String> BUCKET_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    static final List<String> BUCKET_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    /**
     * S3's safe characters of an object key, less {@code *}: the prefix goes into the node policy's resource, where
     * {@code *} would be a wildcard.
     */
    static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9!\\-_.'()/]+");
    static final int KEY_MAX_BYTES = 1_024;

    public SessionSettings {
        if (logGroup.isEmpty() && s3Bucket.isEmpty()) {
            throw new IllegalArgumentException("no unlogged shells: give a log group, an S3 bucket, or both");
        }
    }

    public static SessionSettings defaults() {
        return new SessionSettings(Optional.of(DEFAULT_LOG_GROUP), Optional.empty(), "", DEFAULT_KMS_KEY,
                DEFAULT_IDLE_TIMEOUT);
    }

    /** The raw values of the settings, each null when not given. */
    public record Input(String logGroup, Boolean cloudWatchLogs, String s3Bucket, String s3KeyPrefix, String kmsKey,
                        String idleTimeout) {
    }

    /**
     * The settings of these values over the defaults, or the defaults with every violation (named by the fields of
     * {@link #FIELDS}) added to {@code violations}.
     */
    public static SessionSettings check(Input input, List<Violation> violations) {
        List<Violation> found = new ArrayList<>();
        boolean cloudWatch = input.cloudWatchLogs() == null || input.cloudWatchLogs();
        Optional<String> logGroup = Optional.empty();
        if (!cloudWatch && input.logGroup() != null) {
            found.add(Violation.of(LOG_GROUP, "is given while " + CLOUDWATCH_LOGS + " is false: give one or the other"));
        } else if (cloudWatch) {
            String name = input.logGroup() == null ? DEFAULT_LOG_GROUP : input.logGroup();
            logGroup = Optional.of(name);
            logGroupProblems(name).forEach(p -> found.add(Violation.of(LOG_GROUP, p)));
        }
        Optional<String> bucket = Optional.ofNullable(input.s3Bucket());
        bucket.ifPresent(name -> bucketProblems(name).forEach(p -> found.add(Violation.of(S3_BUCKET, p))));
        String prefix = input.s3KeyPrefix() == null ? "" : input.s3KeyPrefix();
        if (input.s3KeyPrefix() != null) {
            if (bucket.isEmpty()) {
                found.add(Violation.of(S3_KEY_PREFIX, "needs " + S3_BUCKET));
            }
            prefixProblems(prefix).forEach(p -> found.add(Violation.of(S3_KEY_PREFIX, p)));
        }
        if (!cloudWatch && bucket.isEmpty()) {
            found.add(Violation.of(CLOUDWATCH_LOGS, "is false and no " + S3_BUCKET + " is given: every shell must be "
                    + "logged to CloudWatch Logs, S3 or both"));
        }
        String key = input.kmsKey() == null ? DEFAULT_KMS_KEY : input.kmsKey();
        List<String> keyProblems = new ArrayList<>();
        SessionKey.check(key, keyProblems);
        keyProblems.forEach(p -> found.add(Violation.of(KMS_KEY, p)));
        int idle = DEFAULT_IDLE_TIMEOUT;
        if (input.idleTimeout() != null) {
            String text = input.idleTimeout();
            if (text.matches("[0-9]{1,4}") && Integer.parseInt(text) >= MIN_IDLE_TIMEOUT
                    && Integer.parseInt(text) <= MAX_IDLE_TIMEOUT && !text.startsWith("0")) {
                idle = Integer.parseInt(text);
            } else {
                found.add(Violation.of(IDLE_TIMEOUT, "must be a whole number of minutes from " + MIN_IDLE_TIMEOUT
                        + " to " + MAX_IDLE_TIMEOUT + ", not '" + abbreviate(text) + "'"));
            }
        }
        violations.addAll(found);
        if (!found.isEmpty()) {
            return defaults();
        }
        return new SessionSettings(logGroup, bucket, prefix, key, idle);
    }

    /**
     * What these settings cannot be used with: a key ARN names one partition, so every account of the policies must be
     * in it.
     */
    public List<Violation> violations(List<ElevationPolicy> policies) {
        Optional<AwsPartition> keyPartition = SessionKey.partition(kmsKey);
        if (keyPartition.isEmpty()) {
            return List.of();
        }
        Map<String, AwsPartition> accounts = new LinkedHashMap<>();
        policies.forEach(p -> accounts.putIfAbsent(p.accountId(), AwsPartition.forRegion(p.region())));
        List<Violation> violations = new ArrayList<>();
        accounts.forEach((account, partition) -> {
            if (partition != keyPartition.get()) {
                violations.add(Violation.of(KMS_KEY, "the key is in partition " + keyPartition.get().id()
                        + " but the policies of account " + account + " are in " + partition.id()));
            }
        });
        return violations;
    }

    static List<String> logGroupProblems(String name) {
        List<String> problems = new ArrayList<>();
        if (name.isEmpty() || name.length() > LOG_GROUP_MAX) {
            problems.add("must have 1 to " + LOG_GROUP_MAX + " characters, not " + name.length());
        }
        if (!name.isEmpty() && !LOG_GROUP_NAME.matcher(name).matches()) {
            problems.add("may contain only letters, digits and . - _ / #");
        }
        return problems;
    }

    static List<String> bucketProblems(String name) {
        List<String> problems = new ArrayList<>();
        if (name.length() < 3 || name.length() > 63) {
            problems.add("must have 3 to 63 characters, not " + name.length());
        }
        if (!name.matches("[a-z0-9.-]*")) {
            problems.add("may contain only lowercase letters, digits, . and -");
        } else if (name.length() >= 3 && name.length() <= 63 && !BUCKET.matcher(name).matches()) {
            problems.add("must begin and end with a letter or digit");
        }
        if (name.contains("..")) {
            problems.add("must not contain two adjacent periods");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            problems.add("must not be formatted as an IP address");
        }
        BUCKET_PREFIXES.stream().filter(name::startsWith)
                .forEach(prefix -> problems.add("must not begin with " + prefix + " (reserved by S3)"));
        BUCKET_SUFFIXES.stream().filter(name::endsWith)
                .forEach(suffix -> problems.add("must not end with " + suffix + " (reserved by S3)"));
        return problems;
    }

    static List<String> prefixProblems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (prefix.isEmpty()) {
            problems.add("must not be empty; leave it out for none");
            return problems;
        }
        if (prefix.startsWith("/")) {
            problems.add("must not begin with /");
        }
        if (!KEY_PREFIX.matcher(prefix).matches()) {
            problems.add("may contain only letters, digits and ! - _ . ' ( ) /");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > KEY_MAX_BYTES) {
            problems.add("must have at most " + KEY_MAX_BYTES + " bytes (S3's object key limit)");
        }
        return problems;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
