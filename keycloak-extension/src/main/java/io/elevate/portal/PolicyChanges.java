package io.elevate.portal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a change of a policy changed, for its audit record: each setting whose stored value differs, before → after
 * ({@code approvalsRequired: 2 → 1; approverGroups: /leads → /leads, /security}), the name first; a created policy's
 * settings from nothing (–), a deleted one's to nothing. Whitespace runs (a JSON setting's lines) are one space, a
 * long value is cut, a secret setting says only that it changed, and the whole text stays within a budget so that
 * the record's detail is never cut (a cut detail could not be read back).
 */
final class PolicyChanges {

    static final String NONE = "–";
    private static final int MAX_VALUE = 120;

    private PolicyChanges() {
    }

    /**
     * @param secrets the settings whose values are not written
     * @param budget  the most characters the text may have
     */
    static String between(String nameBefore, Map<String, ? extends Collection<String>> before, String nameAfter,
                          Map<String, ? extends Collection<String>> after, Set<String> secrets, int budget) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(nameBefore, nameAfter)) {
            changes.add("name: " + shown(nameBefore) + " → " + shown(nameAfter));
        }
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String was = joined(before.get(key));
            String is = joined(after.get(key));
            if (!was.equals(is)) {
                changes.add(secrets.contains(key) ? key + ": (changed)" : key + ": " + shown(was) + " → " + shown(is));
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < changes.size(); i++) {
            String next = (i == 0 ? "" : "; ") + changes.get(i);
            String more = "; and " + (changes.size() - i) + " more";
            if (text.length() + next.length() + (i == changes.size() - 1 ? 0 : more.length()) > budget) {
                text.append(i == 0 ? (changes.size() + " settings") : more);
                break;
            }
            text.append(next);
        }
        return text.isEmpty() ? "nothing" : text.toString();
    }

    private static String joined(Collection<String> values) {
        return values == null ? "" : String.join(", ", values.stream().filter(Objects::nonNull)
                .filter(v -> !v.isEmpty()).toList());
    }

    private static String shown(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String one = value.strip().replaceAll("\\s+", " ");
        return one.codePointCount(0, one.length()) <= MAX_VALUE ? one
                : one.substring(0, one.offsetByCodePoints(0, MAX_VALUE - 1)) + "…";
    }
}
