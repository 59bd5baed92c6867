package io.elevate.breakglass;

import io.elevate.aws.client.AwsClients;
import io.elevate.breakglass.OsCredentialSettings.Platform;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

import java.time.Duration;
import java.time.Instant;

/**
 * Moves break-glass OS credentials on, one step per due row and timer run, in the timer's transaction: send the SSM
 * command ({@code PENDING → SENT}), wait for it ({@code SENT → SET}, or {@code FAILED}), and delete the parameter when
 * its time is up or once it was shown ({@code SET/SHOWN → DELETED}; a failed command's parameter too, in case the
 * script got that far). A transient AWS failure is tried again after a backoff (sending at most
 * {@value #MAX_SEND_ATTEMPTS} times, deleting until it is done); a refusal (access denied, an invalid instance) fails
 * at once. Every step is audited; no audit row carries the password, which the worker never reads.
 */
public final class OsCredentialWorker {

    static final int MAX_SEND_ATTEMPTS = 5;
    /** A command that has not finished after this long is given up (SSM's delivery timeout plus the script's). */
    static final Duration GIVE_UP = Duration.ofSeconds(Ssm.DELIVERY_TIMEOUT_SECONDS + Ssm.EXECUTION_TIMEOUT_SECONDS + 60);
    static final Duration BACKOFF_CAP = Duration.ofMinutes(15);

    private static final Logger LOG = Logger.getLogger(OsCredentialWorker.class);
    private static final int ROWS_PER_RUN = 50;

    /** Where the worker records each step: Elevate's audit trail in the row's realm. */
    interface Trail {
        void record(String action, OsCredentialEntity row, String detail);
    }

    private final Ssm ssm;
    private final Duration retryBase;
    private final Duration poll;

    OsCredentialWorker(Ssm ssm, Duration retryBase, Duration poll) {
        this.ssm = ssm;
        this.retryBase = retryBase;
        this.poll = poll;
    }

    /**
     * @param retryBase the wait after the first failure; it doubles up to 15 minutes
     * @param poll      how soon a running command is asked about again (the timer's interval is the floor)
     */
    public static OsCredentialWorker aws(AwsClients aws, Duration retryBase, Duration poll) {
        return new OsCredentialWorker(new Ssm(aws), retryBase, poll);
    }

    /** Takes the due step of every due row; returns how many rows were looked at. */
    public int run(KeycloakSession session, Instant now) {
        OsCredentialOutbox outbox = new OsCredentialOutbox(session);
        int count = 0;
        for (OsCredentialEntity row : outbox.due(now, ROWS_PER_RUN)) {
            advance(row, now, outbox.windowOpen(row, now),
                    (action, r, detail) -> outbox.audit(action, r, detail, OsCredentialOutbox.SYSTEM, now));
            count++;
        }
        return count;
    }

    /**
     * The row's due step.
     *
     * @param windowOpen whether its break-glass window is still open: a window revoked, cancelled or ended before the
     *                   command was sent gets none (its instance's password is left alone)
     */
    void advance(OsCredentialEntity row, Instant now, boolean windowOpen, Trail trail) {
        switch (row.stateEnum()) {
            case PENDING -> {
                if (windowOpen) {
                    send(row, now, trail);
                } else {
                    fail(row, now, trail, "the break-glass window was no longer open when the command was due");
                }
            }
            case SENT -> poll(row, now, trail);
            case SET, SHOWN, FAILED -> delete(row, now, trail);
            case DELETED -> row.setNextAttemptAt(null);
        }
    }

    private void send(OsCredentialEntity row, Instant now, Trail trail) {
        try {
            String commandId = ssm.send(row.getWindowId(), row.getInstanceId(), row.getRegion(),
                    Platform.valueOf(row.getPlatform()), row.getOsUser(), row.getKmsKeyId(), row.getParameterName());
            row.setCommandId(commandId);
            row.setState(OsCredentialState.SENT.name());
            row.setSentAt(now.toEpochMilli());
            row.setAttempts(0);
            row.setLastError(null);
            row.setNextAttemptAt(now.plus(poll).toEpochMilli());
            trail.record("OS_CREDENTIAL_COMMAND_SENT", row, describe(row));
        } catch (RuntimeException error) {
            row.setAttempts(row.getAttempts() + 1);
            row.setLastError(Ssm.describe(error));
            if (error instanceof IllegalArgumentException || !Ssm.isTransient(error)
                    || row.getAttempts() >= MAX_SEND_ATTEMPTS) {
                fail(row, now, trail, "SendCommand: " + Ssm.describe(error));
            } else {
                row.setNextAttemptAt(now.plus(backoff(row.getAttempts())).toEpochMilli());
                trail.record("OS_CREDENTIAL_RETRY", row, describe(row));
                LOG.warnf("Elevate could not send the break-glass OS credential command for window %s: %s",
                        row.getWindowId(), row.getLastError());
            }
        }
    }

    private void poll(OsCredentialEntity row, Instant now, Trail trail) {
        Ssm.Invocation invocation;
        try {
            invocation = ssm.invocation(row.getRegion(), row.getCommandId(), row.getInstanceId());
        } catch (RuntimeException error) {
            row.setLastError(Ssm.describe(error));
            invocation = new Ssm.Invocation(null, row.getLastError());
            if (!Ssm.isTransient(error)) {
                fail(row, now, trail, "GetCommandInvocation: " + Ssm.describe(error));
                return;
            }
        }
        if (invocation.succeeded()) {
            row.setState(OsCredentialState.SET.name());
            row.setSetAt(now.toEpochMilli());
            row.setDeleteAfter(now.plusSeconds(row.getAvailableSeconds()).toEpochMilli());
            row.setNextAttemptAt(row.getDeleteAfter());
            row.setLastError(null);
            trail.record("OS_CREDENTIAL_SET", row, describe(row));
        } else if (!invocation.running()) {
            fail(row, now, trail, "the command ended " + invocation.status() + ": " + invocation.details());
        } else if (row.getSentAt() != null && now.isAfter(Instant.ofEpochMilli(row.getSentAt()).plus(GIVE_UP))) {
            fail(row, now, trail, "the command did not finish within " + GIVE_UP.toMinutes() + " minutes");
        } else {
            row.setNextAttemptAt(now.plus(poll).toEpochMilli());
        }
    }

    private void delete(OsCredentialEntity row, Instant now, Trail trail) {
        if (row.getCommandId() == null || row.getDeletedAt() != null) {
            row.setNextAttemptAt(null);
            return;
        }
        try {
            boolean existed = ssm.delete(row.getRegion(), row.getParameterName());
            row.setDeletedAt(now.toEpochMilli());
            row.setNextAttemptAt(null);
            row.setAttempts(0);
            if (!OsCredentialState.FAILED.name().equals(row.getState())) {
                row.setState(OsCredentialState.DELETED.name());
            }
            trail.record("OS_CREDENTIAL_DELETED", row, describe(row) + (existed ? "" : " (it was not there)"));
        } catch (RuntimeException error) {
            row.setAttempts(row.getAttempts() + 1);
            row.setLastError(Ssm.describe(error));
            row.setNextAttemptAt(now.plus(backoff(row.getAttempts())).toEpochMilli());
            trail.record("OS_CREDENTIAL_RETRY", row, "DeleteParameter: " + describe(row));
            LOG.warnf("Elevate could not delete %s: %s", row.getParameterName(), row.getLastError());
        }
    }

    private void fail(OsCredentialEntity row, Instant now, Trail trail, String why) {
        row.setState(OsCredentialState.FAILED.name());
        row.setLastError(why.length() > 1024 ? why.substring(0, 1023) + "…" : why);
        row.setAttempts(0);
        // A command that ran may have written the parameter before it failed: delete it to be sure.
        row.setNextAttemptAt(row.getCommandId() == null ? null : now.toEpochMilli());
        trail.record("OS_CREDENTIAL_FAILED", row, describe(row));
        LOG.warnf("Elevate's break-glass OS credential for window %s failed: %s", row.getWindowId(), why);
    }

    Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = retryBase.toMillis() << doublings;
        return millis <= 0 || millis >= BACKOFF_CAP.toMillis() ? BACKOFF_CAP : Duration.ofMillis(millis);
    }

    /** The row for the audit trail: what, where, how far; never a secret (the worker never has one). */
    static String describe(OsCredentialEntity row) {
        StringBuilder text = new StringBuilder("{instance=").append(row.getInstanceId())
                .append(", region=").append(row.getRegion())
                .append(", user=").append(row.getOsUser())
                .append(", parameter=").append(row.getParameterName())
                .append(", state=").append(row.getState());
        if (row.getCommandId() != null) {
            text.append(", commandId=").append(row.getCommandId());
        }
        if (row.getDeleteAfter() != null && row.getDeletedAt() == null) {
            text.append(", deleteAfter=").append(Instant.ofEpochMilli(row.getDeleteAfter()));
        }
        if (row.getAttempts() > 0) {
            text.append(", attempts=").append(row.getAttempts());
        }
        if (row.getLastError() != null && row.getDeletedAt() == null) {
            text.append(", error=").append(row.getLastError());
        }
        text.append('}');
        return text.length() > 2000 ? text.substring(0, 1999) + "…" : text.toString();
    }
}
