package io.elevate.workflow;

import io.elevate.validation.Violation;

import java.util.Optional;

/**
 * The one rule for text a person types (justifications, comments, reasons, tickets, ids): refused, never rewritten.
 * No control characters (Unicode category Cc) and no invisible format controls that can disguise text (bidi
 * embeddings, overrides and isolates, zero-width characters, the BOM); tab and newline only where the field allows
 * several lines; no leading or trailing whitespace in a single-line field; lengths counted in code points.
 */
public final class UserText {

    private UserText() {
    }

    /**
     * The rule {@code value} breaks as the content of {@code field}, if any. A null value breaks none (whether it is
     * required is the caller's rule).
     */
    public static Optional<Violation> check(String field, String value, int maxCodePoints, boolean multiline) {
        if (value == null) {
            return Optional.empty();
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxCodePoints) {
            return Optional.of(Violation.of(field, "is " + length + " characters long; at most " + maxCodePoints
                    + " are allowed"));
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (multiline && (c == '\n' || c == '\t' || c == '\r')) {
                i += Character.charCount(c);
                continue;
            }
            if (forbidden(c)) {
                return Optional.of(Violation.of(field, String.format("contains the control character U+%04X at "
                        + "position %d%s", c, value.codePointCount(0, i) + 1,
                        multiline ? "; only tab and line breaks are allowed" : "; this field is a single line")));
            }
            i += Character.charCount(c);
        }
        if (!multiline && !value.isEmpty()
                && (Character.isWhitespace(value.codePointAt(0)) || Character.isSpaceChar(value.codePointAt(0))
                || Character.isWhitespace(value.codePointBefore(value.length()))
                || Character.isSpaceChar(value.codePointBefore(value.length())))) {
            return Optional.of(Violation.of(field, "begins or ends with whitespace; remove it"));
        }
        return Optional.empty();
    }

    /** Control characters and the invisible format controls that can make text read other than it is. */
    static boolean forbidden(int c) {
        return Character.getType(c) == Character.CONTROL
                || (c >= 0x202A && c <= 0x202E) // bidi embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069) // bidi isolates
                || c == 0x200E || c == 0x200F || c == 0x061C // directional marks
                || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF // zero-width characters, BOM
                || c == 0x2028 || c == 0x2029; // line and paragraph separators
    }
}
