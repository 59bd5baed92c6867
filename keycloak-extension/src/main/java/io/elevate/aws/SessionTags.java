package io.elevate.aws;

import io.elevate.window.ElevationWindow;

import java.util.ArrayList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The session tags of the windows a sign-in carries. One window: its ABAC tags plus {@code ElevationId}. Several
 * windows (numbered mode, one tag set per slot): the n-th window's keys get the suffix n from the second on, so
 * {@code AppId}, {@code AppId2}, ... and {@code ElevationId}, {@code ElevationId2}, ...; the IAM policy has one
 * statement per slot.
 */
public final class SessionTags {

    /** The tag that names the window, used by CloudTrail readers and by the revocation deny statement. */
    public static final String ELEVATION_ID = "ElevationId";
    /**
     * The tag that lets a session chain roles: present, with {@link #CHAINING_ALLOWED}, only when every window the
     * session carries was asked for under a policy that allows role chaining. The generated permission policy denies
     * {@code sts:AssumeRole} to an elevated session without it.
     */
    public static final String ELEVATION_CHAINING = "ElevationChaining";
    public static final String CHAINING_ALLOWED = "allowed";
    /**
     * The tag Session Manager reads for the OS user of a shell (Run As), present when the windows of the session name
     * one; the account's Session Manager preferences must have Run As on.
     */
    public static final String SSM_RUN_AS = "SSMSessionRunAs";
    /** Keys Elevate writes itself, in any case, with or without a slot number. */
    private static final Pattern RESERVED = Pattern.compile("(?i)(" + ELEVATION_ID + "|" + ELEVATION_CHAINING
            + "|" + SSM_RUN_AS + ")[0-9]*");

    private SessionTags() {
    }

    /**
     * Whether an ABAC tag key is one Elevate writes itself ({@code ElevationId}, {@code ElevationChaining},
     * {@code SSMSessionRunAs}, in any case, with or without a slot number): a policy or grant naming one could pose as
     * another window, allow role chaining or choose the shell's OS user, so such keys are refused.
     */
    public static boolean reserved(String key) {
        return RESERVED.matcher(key).matches();
    }

    public static List<SessionTag> of(List<ElevationWindow> windows) {
        List<SessionTag> tags = new ArrayList<>();
        for (int slot = 1; slot <= windows.size(); slot++) {
            String suffix = slot == 1 ? "" : Integer.toString(slot);
            ElevationWindow window = windows.get(slot - 1);
            window.target().tags().forEach((key, value) -> tags.add(new SessionTag(key + suffix, value)));
            tags.add(new SessionTag(ELEVATION_ID + suffix, window.id()));
        }
        runAs(windows).ifPresent(user -> tags.add(new SessionTag(SSM_RUN_AS, user)));
        if (chaining(windows)) {
            tags.add(new SessionTag(ELEVATION_CHAINING, CHAINING_ALLOWED));
        }
        return tags;
    }

    /** The OS user the session's shells run as: the one every window names, or empty (also when they differ). */
    private static Optional<String> runAs(List<ElevationWindow> windows) {
        Set<String> users = runAsUsers(windows);
        return users.size() == 1 ? Optional.ofNullable(users.iterator().next()) : Optional.empty();
    }

    /** The OS users of the windows' shells, null for Session Manager's default. */
    private static Set<String> runAsUsers(List<ElevationWindow> windows) {
        Set<String> users = new HashSet<>();
        windows.forEach(w -> users.add(w.target().runAsUser()));
        return users;
    }

    /** The keys a session of these windows lists in {@code TransitiveTagKeys}: all of its tags, or none. */
    public static List<String> transitiveKeys(List<ElevationWindow> windows) {
        return chaining(windows) ? of(windows).stream().map(SessionTag::key).toList() : List.of();
    }

    /**
     * Why no session may carry these windows' tags, if so: windows whose shells run as different OS users, or a window
     * whose stored ABAC tags use a key Elevate writes itself (possible for a window stored before such keys were
     * refused), which could allow role chaining or choose the OS user without its policy saying so.
     */
    public static List<String> problems(List<ElevationWindow> windows) {
        List<String> problems = new ArrayList<>();
        runAsConflict(windows).ifPresent(problems::add);
        windows.forEach(w -> w.target().tags().keySet().stream().filter(SessionTags::reserved).forEach(key ->
                problems.add("window " + w.id() + " has the ABAC tag " + key + ", a key Elevate writes itself")));
        return problems;
    }

    /**
     * Why these windows cannot share one session's shells, if so: one session has one OS user, so windows that run as
     * different users (or one as a named user, one as Session Manager's default) are never carried together.
     */
    public static Optional<String> runAsConflict(List<ElevationWindow> windows) {
        return runAsUsers(windows).size() > 1 ? Optional.of("windows whose shells run as different OS users cannot share one "
                + "AWS session") : Optional.empty();
    }

    /**
     * Whether a session carrying these windows may chain roles: only when every one of them allows it. Then every tag
     * of the session is transitive ({@code TransitiveTagKeys}), so that a chained session keeps its
     * {@code ElevationId} and the revocation policy still reaches it.
     */
    private static boolean chaining(List<ElevationWindow> windows) {
        return !windows.isEmpty() && windows.stream().allMatch(w -> w.target().roleChaining());
    }
}
