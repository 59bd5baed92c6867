package io.elevate.breakglass;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A policy's break-glass OS credential: when a break-glass window on one of its instances opens, Elevate has the
 * instance set a random password for {@code user} (through SSM Run Command), keeps it as a SecureString encrypted with
 * {@code kmsKeyId}, shows it once to the requester and deletes it {@code available} after it was set.
 *
 * <p>Every value here ends up inside a shell or PowerShell script, so each is checked against a strict pattern
 * ({@link #checkUser}, {@link #checkKmsKeyId}) and {@link OsCredentialScript} checks them again.
 */
public record OsCredentialSettings(Platform platform, String user, String kmsKeyId, Duration available) {

    public static final int MIN_SECONDS = 10;
    public static final int DEFAULT_SECONDS = 60;
    public static final int MAX_SECONDS = 3600;
    /** Where the passwords are kept in Parameter Store: {@code <prefix><window id>}; the IAM artifacts scope to it. */
    public static final String PARAMETER_PREFIX = "/elevate/break-glass/";

    /** POSIX-portable user names (useradd's default rule), at most 32 characters. */
    private static final Pattern LINUX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** Windows local account names: at most 20 characters; no quotes, spaces or PowerShell specials. */
    private static final Pattern WINDOWS_USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,19}");
    private static final Pattern KMS_KEY = Pattern.compile(
            "(alias/[A-Za-z0-9/_-]{1,250})"
                    + "|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
                    + "|(mrk-[0-9a-f]{32})"
                    + "|(arn:aws[a-z-]{0,10}:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:"
                    + "(key/[A-Za-z0-9-]{1,64}|alias/[A-Za-z0-9/_-]{1,250}))");

    public OsCredentialSettings {
        if (platform == null || checkUser(platform, user).isPresent() || checkKmsKeyId(kmsKeyId).isPresent()
                || available == null || available.toSeconds() < MIN_SECONDS || available.toSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("invalid break-glass OS credential settings");
        }
    }

    /** The operating system of the policy's instances: which SSM document runs and which user names are valid. */
    public enum Platform {
        LINUX("AWS-RunShellScript"),
        WINDOWS("AWS-RunPowerShellScript");

        private final String document;

        Platform(String document) {
            this.document = document;
        }

        /** The AWS-owned SSM document that runs the script. */
        public String document() {
            return document;
        }

        /** linux or windows, in any case; empty for anything else. */
        public static Optional<Platform> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "linux" -> Optional.of(LINUX);
                case "windows" -> Optional.of(WINDOWS);
                default -> Optional.empty();
            };
        }

        /** The user most admins mean: root or Administrator. */
        public String defaultUser() {
            return this == LINUX ? "root" : "Administrator";
        }
    }

    /** Why {@code user} is not a safe account name on {@code platform}, or empty. */
    public static Optional<String> checkUser(Platform platform, String user) {
        if (user == null || user.isEmpty()) {
            return Optional.of("is required");
        }
        Pattern rule = platform == Platform.WINDOWS ? WINDOWS_USER : LINUX_USER;
        if (!rule.matcher(user).matches()) {
            return Optional.of(platform == Platform.WINDOWS
                    ? "must be 1 to 20 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    : "must be 1 to 32 lower-case letters, digits, '_' or '-', starting with a letter or '_'");
        }
        return Optional.empty();
    }

    /** Why {@code keyId} is not a KMS key id, key ARN, alias name or alias ARN, or empty. */
    public static Optional<String> checkKmsKeyId(String keyId) {
        if (keyId == null || keyId.isEmpty()) {
            return Optional.of("is required when the OS credential is on");
        }
        if (keyId.length() > 2048 || !KMS_KEY.matcher(keyId).matches()) {
            return Optional.of("must be a KMS key id, key ARN, alias/<name> or alias ARN");
        }
        return Optional.empty();
    }
}
