package io.elevate.aws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS's rules for session tags (STS {@code Tag} and the SAML/OIDC federation limits). A tag set that breaks one of them
 * must never be sent: AWS would refuse the whole sign-in, or worse, a shortened value would grant something else.
 */
public final class SessionTagRules {

    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private SessionTagRules() {
    }

    /** Every rule a whole tag set breaks; empty when AWS will accept it. */
    public static List<String> check(List<SessionTag> tags) {
        List<String> problems = new ArrayList<>();
        if (tags.size() > MAX_TAGS) {
            problems.add("AWS accepts at most " + MAX_TAGS + " session tags; this sign-in would carry " + tags.size());
        }
        Set<String> seen = new HashSet<>();
        for (SessionTag tag : tags) {
            problems.addAll(checkKey(tag.key()));
            problems.addAll(checkValue(tag.key(), tag.value()));
            if (tag.key() != null && !seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                problems.add("tag key '" + tag.key() + "' appears twice (AWS compares keys ignoring case)");
            }
        }
        return problems;
    }

    /** The same rules for the tags of a target as an admin or a requester enters them. */
    public static List<String> check(Map<String, String> tags) {
        return check(tags.entrySet().stream().map(e -> new SessionTag(e.getKey(), e.getValue())).toList());
    }

    static List<String> checkKey(String key) {
        List<String> problems = new ArrayList<>();
        if (key == null || key.isEmpty()) {
            problems.add("a tag key must not be empty");
            return problems;
        }
        if (key.length() > MAX_KEY_LENGTH) {
            problems.add("tag key '" + abbreviate(key) + "' is " + key.length() + " characters long; AWS allows "
                    + MAX_KEY_LENGTH);
        }
        if (!ALLOWED.matcher(key).matches()) {
            problems.add("tag key '" + abbreviate(key)
                    + "' has characters AWS refuses (allowed: letters, digits, space and _ . : / = + - @)");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            problems.add("tag key '" + abbreviate(key) + "' must not start with aws:");
        }
        return problems;
    }

    static List<String> checkValue(String key, String value) {
        List<String> problems = new ArrayList<>();
        if (value == null) {
            problems.add("tag '" + abbreviate(key) + "' has no value");
            return problems;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            problems.add("the value of tag '" + abbreviate(key) + "' is " + value.length()
                    + " characters long; AWS allows " + MAX_VALUE_LENGTH);
        }
        if (!ALLOWED.matcher(value).matches()) {
            problems.add("the value of tag '" + abbreviate(key)
                    + "' has characters AWS refuses (allowed: letters, digits, space and _ . : / = + - @)");
        }
        return problems;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 40 ? String.valueOf(text) : text.substring(0, 40) + "…";
    }
}
