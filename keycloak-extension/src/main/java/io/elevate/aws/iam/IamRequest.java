package io.elevate.aws.iam;

import io.elevate.aws.SessionTag;
import io.elevate.aws.SessionTagRules;
import io.elevate.aws.SessionTags;
import io.elevate.validation.Violation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The query of {@code GET /admin/realms/{realm}/elevation/iam}, checked: {@code format} (json, cloudformation,
 * terraform; default json), {@code slots} (1 to 10; default from the client's mapper), {@code secretsManager} and
 * {@code rds} (true or false; default false), {@code revoked} (window ids, repeated or comma-separated), and the
 * Session Manager preferences ({@link SessionSettings}): {@code logGroup} (default {@code /elevate/session-manager}),
 * {@code cloudWatchLogs} (true or false; default true), {@code s3Bucket} and {@code s3KeyPrefix} (default none),
 * {@code kmsKey} (default {@code alias/elevate-session-manager}), {@code idleTimeout} (minutes, 1 to 60; default 20).
 * Any other parameter, a repeated one, or a bad value is a violation: a typo never silently drops a restriction.
 */
public record IamRequest(IamFormat format, IamOptions options, List<Violation> violations) {

    public static final String FORMAT = "format";
    public static final String SLOTS = "slots";
    public static final String SECRETS_MANAGER = "secretsManager";
    public static final String RDS = "rds";
    public static final String REVOKED = "revoked";
    private static final List<String> PARAMETERS = Stream.concat(
            Stream.of(FORMAT, SLOTS, SECRETS_MANAGER, RDS, REVOKED), SessionSettings.FIELDS.stream()).toList();
    private static final Set<String> KNOWN = Set.copyOf(PARAMETERS);

    public static IamRequest parse(Map<String, List<String>> query) {
        List<Violation> violations = new ArrayList<>();
        query.keySet().stream().filter(name -> !KNOWN.contains(name)).sorted().forEach(name -> violations.add(
                Violation.of(name, "is not a parameter of this endpoint; use " + PARAMETERS)));
        query.forEach((name, values) -> {
            if (KNOWN.contains(name) && !REVOKED.equals(name) && values.size() > 1) {
                violations.add(Violation.of(name, "must be given once"));
            }
        });
        IamFormat format = IamFormat.JSON;
        String formatName = single(query, FORMAT);
        if (formatName != null) {
            format = IamFormat.of(formatName).orElse(null);
            if (format == null) {
                violations.add(Violation.of(FORMAT, "must be one of json, cloudformation, terraform, not '"
                        + abbreviate(formatName) + "'"));
            }
        }
        OptionalInt slots = OptionalInt.empty();
        String slotsText = single(query, SLOTS);
        if (slotsText != null) {
            try {
                int n = Integer.parseInt(slotsText.trim());
                if (n < 1 || n > IamOptions.MAX_SLOTS) {
                    violations.add(Violation.of(SLOTS, "must be between 1 and " + IamOptions.MAX_SLOTS + ", not " + n));
                }
                slots = OptionalInt.of(n);
            } catch (NumberFormatException e) {
                violations.add(Violation.of(SLOTS, "must be a whole number between 1 and " + IamOptions.MAX_SLOTS));
            }
        }
        boolean secretsManager = flag(query, SECRETS_MANAGER, violations);
        boolean rds = flag(query, RDS, violations);
        List<String> revoked = revokedIds(query.getOrDefault(REVOKED, List.of()), violations);
        int before = violations.size();
        Boolean cloudWatchLogs = single(query, SessionSettings.CLOUDWATCH_LOGS) == null ? null
                : flag(query, SessionSettings.CLOUDWATCH_LOGS, violations);
        if (violations.size() > before) {
            cloudWatchLogs = null; // reported; not read as false, which would add a second, misleading violation
        }
        SessionSettings session = SessionSettings.check(new SessionSettings.Input(
                single(query, SessionSettings.LOG_GROUP), cloudWatchLogs, single(query, SessionSettings.S3_BUCKET),
                single(query, SessionSettings.S3_KEY_PREFIX), single(query, SessionSettings.KMS_KEY),
                single(query, SessionSettings.IDLE_TIMEOUT)), violations);
        return new IamRequest(format, new IamOptions(slots, secretsManager, rds, revoked, session),
                List.copyOf(violations));
    }

    /** Window ids, given repeated or comma-separated; each must be a valid session tag value, as ElevationId is. */
    public static List<String> revokedIds(List<String> values, List<Violation> violations) {
        List<String> ids = new ArrayList<>();
        for (String value : values) {
            Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty()).forEach(id -> {
                List<String> problems = SessionTagRules.check(List.of(new SessionTag(SessionTags.ELEVATION_ID, id)));
                if (problems.isEmpty()) {
                    ids.add(id);
                } else {
                    problems.forEach(p -> violations.add(Violation.of(REVOKED, p)));
                }
            });
        }
        return ids;
    }

    private static boolean flag(Map<String, List<String>> query, String name, List<Violation> violations) {
        String value = single(query, name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        violations.add(Violation.of(name, "must be true or false, not '" + abbreviate(value) + "'"));
        return false;
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
