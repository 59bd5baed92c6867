package io.elevate.breakglass;

import io.elevate.audit.Actor;
import io.elevate.aws.client.ElevateAws;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The requester's side of break-glass OS credentials: how theirs stand, and showing one, once. Only the user who
 * opened the break-glass window may see its password, only while the window is open, only once, and only before the
 * parameter's time is up; approvers, auditors and admins never see it.
 */
public final class OsCredentials {

    private static final Logger LOG = Logger.getLogger(OsCredentials.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OsCredentialOutbox outbox;
    private final WindowStore windows;

    /** @param outbox and {@code windows}: the session's, from its store ({@code ElevationStore}) */
    public OsCredentials(KeycloakSession session, RealmModel realm, OsCredentialOutbox outbox, WindowStore windows) {
        this.session = session;
        this.realm = realm;
        this.outbox = outbox;
        this.windows = windows;
    }

    /** The outcome of asking to see a password. */
    public sealed interface Reveal {
    }

    /** The password, to be rendered once and never stored. */
    public record Shown(String password, String osUser, String instanceId, Instant deletedBy) implements Reveal {

        @Override
        public String toString() {
            return "Shown[osUser=" + osUser + ", instanceId=" + instanceId + ", password=(hidden)]";
        }
    }

    /** Why not, with the HTTP status that fits. */
    public record Refused(int status, String message) implements Reveal {
    }

    /** The credentials of these windows, if this user requested them, by window id. */
    public Map<String, OsCredentialStatus> of(UserModel user, Collection<String> windowIds, Instant now) {
        return outbox.ofUser(realm, user.getId(), windowIds).stream().map(row -> OsCredentialStatus.of(row, now))
                .collect(Collectors.toMap(OsCredentialStatus::windowId, Function.identity(), (a, b) -> a));
    }

    /**
     * Marks the credential shown (flushed first, so a second, concurrent request loses on the row's version) and
     * fetches the password from Parameter Store; the timer deletes the parameter at its next run. When AWS does not
     * answer the transaction is rolled back, so the requester may try again.
     */
    public Reveal reveal(UserModel user, Actor actor, String windowId, Instant now) {
        Optional<OsCredentialEntity> found = outbox.ofWindow(realm, windowId);
        if (found.isEmpty() || !found.get().getUserId().equals(user.getId())) {
            return new Refused(404, "there is no OS password of yours for request " + windowId);
        }
        OsCredentialEntity row = found.get();
        Optional<ElevationWindow> window = windows.find(windowId);
        if (window.isEmpty() || !window.get().isOpenAt(now)) {
            return new Refused(409, "the break-glass window is no longer open");
        }
        OsCredentialStatus status = OsCredentialStatus.of(row, now);
        if (!status.showable()) {
            return new Refused(409, switch (status.state()) {
                case PENDING, SENT -> "the instance has not set the password yet; try again in a moment";
                case SHOWN -> "the password was already shown once; it is never shown again";
                case DELETED -> row.getShownAt() != null ? "the password was already shown once; it is never shown again"
                        : "the password's time ran out and it was deleted";
                case FAILED -> "setting the password failed: " + row.getLastError();
                case SET -> "the password's time ran out and it is being deleted";
            });
        }
        row.setState(OsCredentialState.SHOWN.name());
        row.setShownAt(now.toEpochMilli());
        row.setNextAttemptAt(now.toEpochMilli());
        outbox.flush();
        String password;
        try {
            password = new Ssm(session.getProvider(ElevateAws.class).clients()).value(row.getRegion(),
                    row.getParameterName());
        } catch (RuntimeException error) {
            session.getTransactionManager().setRollbackOnly();
            LOG.warnf("Elevate could not read %s: %s", row.getParameterName(), Ssm.describe(error));
            return new Refused(502, "AWS did not hand out the password (" + Ssm.describe(error)
                    + "); try again in a moment");
        }
        outbox.audit("OS_CREDENTIAL_SHOWN", row, OsCredentialWorker.describe(row), actor, now);
        return new Shown(password, row.getOsUser(), row.getInstanceId(), Instant.ofEpochMilli(row.getDeleteAfter()));
    }
}
