package io.elevate.aws.iam;

import java.util.Locale;

/**
 * A generated document larger than an AWS limit allows. Nothing is ever cut to fit: a shortened policy would grant or
 * deny something else.
 *
 * @param roleArn  the role the document belongs to, {@code realm <name>} for a realm-level document, or
 *                 {@code account <id>} for an account's managed nodes' logging policy
 * @param document {@code trustPolicy}, {@code permissionPolicy}, {@code revocationPolicy}, {@code serverPolicy},
 *                 {@code breakGlassInstancePolicy} or {@code sessionNodePolicy}
 * @param limit    which AWS limit, in words
 * @param maximum  that limit in characters
 * @param size     the document's size as AWS counts it (the JSON without whitespace)
 */
public record Overflow(String roleArn, String document, String limit, int maximum, int size) {

    public int over() {
        return size - maximum;
    }

    public String message() {
        return String.format(Locale.ROOT, "%s of %s is %,d characters, %,d over the %s of %,d characters "
                + "(counted as AWS does: the JSON without whitespace)", document, roleArn, size, over(), limit, maximum);
    }
}
