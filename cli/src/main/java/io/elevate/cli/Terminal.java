package io.elevate.cli;

/**
 * Text from the server made harmless to print: every control character (escape sequences, bell, carriage return,
 * the C1 range) and every invisible format character (bidi overrides and isolates, zero-width characters) is shown
 * as an escape such as {@code \x1b} or {@code \u202e} instead of acting on the terminal.
 */
public final class Terminal {

    private Terminal() {
    }

    /** The text with every control and format character escaped, line breaks included. */
    public static String shown(String text) {
        return escape(text, false);
    }

    /** The text with every control and format character escaped except its line breaks ({@code \n}). */
    public static String shownLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            if (!invisible || (keepLines && c == '\n')) {
                out.appendCodePoint(c);
            } else if (c <= 0xFF) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
