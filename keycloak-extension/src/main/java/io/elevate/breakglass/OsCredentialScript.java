package io.elevate.breakglass;

import io.elevate.aws.AwsNames;
import io.elevate.breakglass.OsCredentialSettings.Platform;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands SSM Run Command runs on the instance. The instance makes the password itself, sets it for the user
 * and writes it as a SecureString with {@code aws ssm put-parameter} (Linux) or {@code Write-SSMParameter} (Windows):
 * the password is never in the command's parameters, which SSM keeps in its command history, nor in a process's
 * arguments. Every value put into the script is checked against a strict pattern first and then single-quoted.
 */
final class OsCredentialScript {

    static final String PARAMETER_PREFIX = OsCredentialSettings.PARAMETER_PREFIX;
    private static final Pattern PARAMETER = Pattern.compile(Pattern.quote(PARAMETER_PREFIX) + "[A-Za-z0-9-]{1,64}");
    static final int PASSWORD_LENGTH = 24;

    private OsCredentialScript() {
    }

    /** The Parameter Store name of a window's password. */
    static String parameterName(String windowId) {
        String name = PARAMETER_PREFIX + windowId;
        if (!PARAMETER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a window id: " + windowId);
        }
        return name;
    }

    /**
     * The script's lines.
     *
     * @throws IllegalArgumentException when any value is not what its pattern allows
     */
    static List<String> commands(Platform platform, String user, String kmsKeyId, String parameterName, String region) {
        OsCredentialSettings.checkUser(platform, user).ifPresent(p -> reject("user", p));
        OsCredentialSettings.checkKmsKeyId(kmsKeyId).ifPresent(p -> reject("KMS key", p));
        if (parameterName == null || !PARAMETER.matcher(parameterName).matches()) {
            reject("parameter name", "must be " + PARAMETER_PREFIX + "<window id>");
        }
        AwsNames.checkRegion(region).ifPresent(p -> reject("region", p));
        return platform == Platform.WINDOWS ? windows(user, kmsKeyId, parameterName, region)
                : linux(user, kmsKeyId, parameterName, region);
    }

    private static List<String> linux(String user, String key, String name, String region) {
        return List.of(
                "set -eu",
                "umask 077",
                "U=" + quoted(user),
                "N=" + quoted(name),
                "K=" + quoted(key),
                "R=" + quoted(region),
                "id -u \"$U\" >/dev/null 2>&1 || { echo \"Elevate: no user $U on this instance\" >&2; exit 3; }",
                "P=\"$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c " + PASSWORD_LENGTH + ")\"",
                "[ \"${#P}\" -eq " + PASSWORD_LENGTH + " ] || { echo 'Elevate: no random password' >&2; exit 4; }",
                "printf '%s:%s\\n' \"$U\" \"$P\" | chpasswd",
                "printf '%s' \"$P\" | aws ssm put-parameter --region \"$R\" --name \"$N\" --type SecureString"
                        + " --key-id \"$K\" --overwrite --value file:///dev/stdin >/dev/null",
                "unset P",
                "echo \"Elevate: the password of $U was set and stored in $N\"");
    }

    private static List<String> windows(String user, String key, String name, String region) {
        return List.of(
                "$ErrorActionPreference = 'Stop'",
                "$U = " + quoted(user),
                "$N = " + quoted(name),
                "$K = " + quoted(key),
                "$R = " + quoted(region),
                "$chars = [char[]]'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'",
                "$bytes = New-Object byte[] " + PASSWORD_LENGTH,
                "[System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)",
                // a fixed upper-case letter, digit and symbol satisfy Windows' complexity rule whatever the draw
                "$P = 'E7-' + (-join ($bytes | ForEach-Object { $chars[$_ % $chars.Length] }))",
                "Set-LocalUser -Name $U -Password (ConvertTo-SecureString $P -AsPlainText -Force)",
                "Write-SSMParameter -Region $R -Name $N -Type SecureString -KeyId $K -Value $P -Overwrite $true"
                        + " | Out-Null",
                "Remove-Variable P",
                "\"Elevate: the password of $U was set and stored in $N\"");
    }

    /** Single quotes, for values already checked to hold none (nor anything else a shell would read). */
    private static String quoted(String checked) {
        if (checked.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("a quote in a checked value");
        }
        return "'" + checked + "'";
    }

    private static void reject(String what, String problem) {
        throw new IllegalArgumentException("break-glass OS credential " + what + " " + problem);
    }
}
