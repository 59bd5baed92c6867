package io.elevate.signin;

import io.elevate.window.WindowStores;
import io.elevate.aws.SessionDuration;
import io.elevate.aws.SessionTags;
import io.elevate.window.ElevationWindow;
import io.elevate.window.StoreUnavailable;
import io.elevate.window.WindowStore;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one rule, for the sign-in gate, the SAML mapper and the OIDC mapper, for which of a user's windows a sign-in
 * carries, and the last check before the assertion's attributes or the token's claim are written.
 *
 * <p>Choosing: a window is usable when it is open for at least the shortest AWS session (15 minutes), unless short
 * windows are allowed. Several usable windows can be carried together only in numbered mode, within the slots, and all
 * for the same role.
 *
 * <p>Checking (fail closed): the chosen windows are read again by id, from the database, just before anything is
 * written. Unless every one of them is still approved and open at that moment, the sign-in carries none of them: no
 * AWS attributes, no tags claim. The same holds when the database cannot be asked.
 */
final class SignInWindows {

    static final Duration SHORTEST_SESSION = Duration.ofSeconds(SessionDuration.MIN_SECONDS);

    private SignInWindows() {
    }

    /** How one sign-in may choose: short windows or not, and how many windows it may carry at once. */
    public record Rule(boolean allowShortWindows, boolean numbered, int slots) {
    }

    /** What the last check found. */
    public sealed interface Check {

        /** Every chosen window still holds: carry these, in the order they were chosen. */
        record Holds(List<ElevationWindow> windows) implements Check {
        }

        /** Carry nothing. */
        record Fails(String why) implements Check {
        }
    }

    /** The windows of {@code open} usable for a session starting at {@code now}, in their order. */
    public static List<ElevationWindow> usable(List<ElevationWindow> open, boolean allowShortWindows, Instant now) {
        return open.stream()
                .filter(w -> allowShortWindows || w.remainingAt(now).compareTo(SHORTEST_SESSION) >= 0)
                .toList();
    }

    /** Whether one sign-in can carry all of these windows: numbered mode, within the slots, one role, one OS user. */
    public static boolean canTakeAll(List<ElevationWindow> windows, Rule rule) {
        return rule.numbered() && windows.size() <= rule.slots()
                && windows.stream().allMatch(w -> w.target().sameRoleAs(windows.get(0).target()))
                && SessionTags.runAsConflict(windows).isEmpty();
    }

    /**
     * The choice made without asking anyone (a token without the gate): the only usable window, or all of them when
     * they can be carried together; none when the choice would be ambiguous.
     */
    public static List<ElevationWindow> unambiguous(List<ElevationWindow> open, Rule rule, Instant now) {
        List<ElevationWindow> usable = usable(open, rule.allowShortWindows(), now);
        return usable.size() <= 1 || canTakeAll(usable, rule) ? usable : List.of();
    }

    /**
     * The last check before writing: the windows {@code chosenIds} name, if every one of them is, by a database read
     * made now, still approved and open at {@code now} for this user and client. Anything less fails, and so does a
     * database that does not answer: then the request's transaction is marked for rollback (the failed query left it
     * unable to commit), so the caller can still answer, without the windows, instead of failing with a 500.
     *
     * @param clientId the internal id of the AWS client whose windows these are
     */
    public static Check recheck(KeycloakSession session, RealmModel realm, String userId, String clientId,
                                List<String> chosenIds, Instant now) {
        if (chosenIds.isEmpty()) {
            return new Check.Fails("no window chosen");
        }
        try {
            WindowStore store = WindowStores.of(session).windows(realm);
            Map<String, ElevationWindow> open = store.openWindowsForSignIn(userId, clientId, now).stream()
                    .collect(Collectors.toMap(ElevationWindow::id, Function.identity()));
            List<ElevationWindow> windows = chosenIds.stream().map(open::get).filter(w -> w != null).toList();
            if (windows.size() != chosenIds.size()) {
                return new Check.Fails("window(s) " + chosenIds + " no longer all open");
            }
            Set<String> holding = store.stillOpen(chosenIds, userId, clientId, now);
            if (!holding.containsAll(chosenIds)) {
                return new Check.Fails("window(s) " + chosenIds + " revoked or closed since the sign-in began");
            }
            return new Check.Holds(windows);
        } catch (RuntimeException e) {
            if (!StoreUnavailable.isCause(e)) {
                throw e;
            }
            session.getTransactionManager().setRollbackOnly();
            return new Check.Fails("window(s) " + chosenIds + " could not be read again: " + e);
        }
    }

    /** {@link #recheck} of the {@link #unambiguous} choice among the windows open now: for a token without the gate. */
    public static Check chooseAndCheck(KeycloakSession session, RealmModel realm, String userId, String clientId,
                                       Rule rule, Instant now) {
        List<String> chosen;
        try {
            chosen = unambiguous(WindowStores.of(session).windows(realm).openWindowsForSignIn(userId, clientId, now), rule, now)
                    .stream().map(ElevationWindow::id).toList();
        } catch (RuntimeException e) {
            if (!StoreUnavailable.isCause(e)) {
                throw e;
            }
            session.getTransactionManager().setRollbackOnly();
            return new Check.Fails("the open windows could not be read: " + e);
        }
        return chosen.isEmpty() ? new Check.Fails("no open window, or no unambiguous choice")
                : recheck(session, realm, userId, clientId, chosen, now);
    }
}
