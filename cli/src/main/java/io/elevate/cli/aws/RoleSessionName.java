package io.elevate.cli.aws;

import io.elevate.cli.CliException;

import java.util.regex.Pattern;

/** AWS's rule for a role session name: 2 to 64 letters, digits and {@code _ + = , . @ -}. */
public final class RoleSessionName {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_+=,.@-]{2,64}");

    private RoleSessionName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** The user name as the role session name, or {@link io.elevate.cli.ExitCode#USAGE} if AWS would refuse it. */
    public static String of(String username) {
        if (!isValid(username)) {
            throw CliException.usage("the user name '" + username + "' (preferred_username) is not a valid AWS role"
                    + " session name: 2 to 64 letters, digits and _+=,.@- are allowed; ask an administrator");
        }
        return username;
    }
}
