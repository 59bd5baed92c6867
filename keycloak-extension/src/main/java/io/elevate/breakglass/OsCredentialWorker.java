package io.elevate.breakglass;

import io.elevate.audit.Actor;
import io.elevate.aws.client.AwsClients;
import io.elevate.breakglass.OsCredentialSettings.Platform;
import io.elevate.outbox.Backoff;
import io.elevate.outbox.Outbox;
import io.elevate.outbox.OutboxRunner;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves break-glass OS credentials on, one step per due row and timer run: send the SSM command
 * ({@code PENDING → SENT}), wait for it ({@code SENT → SET}, or {@code FAILED}), and delete the parameter when its time
 * is up or once it was shown ({@code SET/SHOWN → DELETED}; a failed command's parameter too, in case the script got
 * that far). Each row takes the three steps of the {@link OutboxRunner}, as revocations do: read it (one short
 * transaction), call SSM with no transaction open (so a slow AWS never holds a database connection or lock), record
 * the answer (a second short transaction). A row whose step fails (its transaction rolls back) is logged and taken
 * again at the next run; the other rows go on. A transient AWS failure is tried again after a backoff (sending at most
 * {@value #MAX_SEND_ATTEMPTS} times, deleting until it is done); a refusal (access denied, an invalid instance) fails
 * at once. Every step is audited; no audit row carries the password, which the worker never reads.
 */
public final class OsCredentialWorker
        implements Outbox<String, OsCredentialWorker.Step, OsCredentialWorker.Answer> {

    static final int MAX_SEND_ATTEMPTS = 5;
    /** A command that has not finished after this long is given up (SSM's delivery timeout plus the script's). */
    static final Duration GIVE_UP = Duration.ofSeconds(Ssm.DELIVERY_TIMEOUT_SECONDS + Ssm.EXECUTION_TIMEOUT_SECONDS + 60);

    private static final Logger LOG = Logger.getLogger(OsCredentialWorker.class);
    private static final OutboxRunner RUNNER = new OutboxRunner(50);

    /** Where the worker records each step: Elevate's audit trail in the row's realm. */
    interface Trail {
        void record(String action, OsCredentialEntity row, String detail);
    }

    /** The SSM call a row's due step makes. */
    enum Call { SEND, POLL, DELETE, NONE }

    /** What a row's due step needs, read from the row in the first transaction. */
    record Step(String rowId, Call call, OsCredentialState state, String commandId, boolean windowOpen,
                String windowId, String instanceId, String region, String platform, String osUser, String kmsKeyId,
                String parameterName) {

        static Step of(OsCredentialEntity row, boolean windowOpen) {
            Call call = switch (row.stateEnum()) {
                case PENDING -> windowOpen ? Call.SEND : Call.NONE;
                case SENT -> Call.POLL;
                case SET, SHOWN, FAILED -> row.getCommandId() == null || row.getDeletedAt() != null
                        ? Call.NONE : Call.DELETE;
                case DELETED -> Call.NONE;
            };
            return new Step(row.getId(), call, row.stateEnum(), row.getCommandId(), windowOpen, row.getWindowId(),
                    row.getInstanceId(), row.getRegion(), row.getPlatform(), row.getOsUser(), row.getKmsKeyId(),
                    row.getParameterName());
        }

        /** Whether the row, read again to record the answer, still waits for this step (nobody moved it meanwhile). */
        boolean stillDue(OsCredentialEntity row) {
            return Step.of(row, windowOpen).call() == call && Objects.equals(row.getCommandId(), commandId);
        }
    }

    /** SSM's answer to a step's call: a command id, an invocation, whether a parameter existed; or the error. */
    record Answer(Object value, RuntimeException error) {
    }

    private final Ssm ssm;
    private final Backoff backoff;
    private final Duration poll;
    private final Function<KeycloakSession, OsCredentialOutbox> outboxes;

    /** A worker that only advances rows held in memory ({@link #advance}, {@link #call}, {@link #apply}). */
    OsCredentialWorker(Ssm ssm, Duration retryBase, Duration poll) {
        this(ssm, retryBase, poll, session -> {
            throw new IllegalStateException("this worker has no outbox");
        });
    }

    private OsCredentialWorker(Ssm ssm, Duration retryBase, Duration poll,
                               Function<KeycloakSession, OsCredentialOutbox> outboxes) {
        this.ssm = ssm;
        this.backoff = new Backoff(retryBase);
        this.poll = poll;
        this.outboxes = outboxes;
    }

    /**
     * @param retryBase the wait after the first failure; it doubles up to 15 minutes
     * @param poll      how soon a running command is asked about again (the timer's interval is the floor)
     * @param outboxes  the outbox of a session (its store's)
     */
    public static OsCredentialWorker aws(AwsClients aws, Duration retryBase, Duration poll,
                                         Function<KeycloakSession, OsCredentialOutbox> outboxes) {
        return new OsCredentialWorker(new Ssm(aws), retryBase, poll, outboxes);
    }

    /**
     * Takes the due step of every due row through the {@link OutboxRunner}, each in transactions of its own; returns
     * how many rows moved on. A row whose step fails is logged and left for the next run.
     */
    public int run(KeycloakSessionFactory factory, Instant now, Runnable onFailure) {
        return RUNNER.run(factory, this, now, onFailure);
    }

    @Override
    public List<String> due(KeycloakSession session, Instant now, int max) {
        return outboxes.apply(session).due(now, max).stream().map(OsCredentialEntity::getId).toList();
    }

    /** The row's step, if it is still due; its window is read too (a window no longer open gets no command). */
    @Override
    public Optional<Step> read(KeycloakSession session, String id, Instant now) {
        OsCredentialOutbox outbox = outboxes.apply(session);
        return outbox.find(id).filter(row -> row.getNextAttemptAt() != null
                        && row.getNextAttemptAt() <= now.toEpochMilli())
                .map(row -> Step.of(row, outbox.windowOpen(row, now)));
    }

    /** Records the answer, unless the row moved on meanwhile (then the next run takes it). */
    @Override
    public boolean record(KeycloakSession session, String id, Step step, Answer answer, Instant now) {
        OsCredentialOutbox outbox = outboxes.apply(session);
        Optional<OsCredentialEntity> row = outbox.find(id);
        if (row.isEmpty() || !step.stillDue(row.get())) {
            LOG.debugf("Break-glass OS credential %s changed during its %s step; the next run takes it", id,
                    step.call());
            return false;
        }
        apply(row.get(), step, answer, now,
                (action, r, detail) -> outbox.audit(action, r, detail, Actor.SYSTEM, now));
        return true;
    }

    @Override
    public String describe(String id) {
        return "break-glass OS credential " + id;
    }

    /**
     * The row's due step in one go (call and record), for a row held in memory.
     *
     * @param windowOpen whether its break-glass window is still open: a window revoked, cancelled or ended before the
     *                   command was sent gets none (its instance's password is left alone)
     */
    void advance(OsCredentialEntity row, Instant now, boolean windowOpen, Trail trail) {
        Step step = Step.of(row, windowOpen);
        apply(row, step, call(step), now, trail);
    }

    /** Makes the step's SSM call; touches no row. */
    @Override
    public Answer call(Step step) {
        try {
            Object value = switch (step.call()) {
                case SEND -> ssm.send(step.windowId(), step.instanceId(), step.region(),
                        Platform.valueOf(step.platform()), step.osUser(), step.kmsKeyId(), step.parameterName());
                case POLL -> ssm.invocation(step.region(), step.commandId(), step.instanceId());
                case DELETE -> ssm.delete(step.region(), step.parameterName());
                case NONE -> null;
            };
            return new Answer(value, null);
        } catch (RuntimeException error) {
            return new Answer(null, error);
        }
    }

    /** Records the answer of the step's call on the row. */
    void apply(OsCredentialEntity row, Step step, Answer answer, Instant now, Trail trail) {
        switch (step.call()) {
            case SEND -> sent(row, answer, now, trail);
            case POLL -> polled(row, answer, now, trail);
            case DELETE -> deleted(row, answer, now, trail);
            case NONE -> {
                if (row.stateEnum() == OsCredentialState.PENDING) {
                    fail(row, now, trail, "the break-glass window was no longer open when the command was due");
                } else {
                    row.setNextAttemptAt(null);
                }
            }
        }
    }

    private void sent(OsCredentialEntity row, Answer answer, Instant now, Trail trail) {
        if (answer.error() == null) {
            row.setCommandId((String) answer.value());
            row.setState(OsCredentialState.SENT.name());
            row.setSentAt(now.toEpochMilli());
            row.setAttempts(0);
            row.setLastError(null);
            row.setNextAttemptAt(now.plus(poll).toEpochMilli());
            trail.record("OS_CREDENTIAL_COMMAND_SENT", row, describe(row));
            return;
        }
        RuntimeException error = answer.error();
        row.setAttempts(row.getAttempts() + 1);
        row.setLastError(Ssm.describe(error));
        if (error instanceof IllegalArgumentException || !Ssm.isTransient(error)
                || row.getAttempts() >= MAX_SEND_ATTEMPTS) {
            fail(row, now, trail, "SendCommand: " + Ssm.describe(error));
        } else {
            row.setNextAttemptAt(backoff.next(now, row.getAttempts()));
            trail.record("OS_CREDENTIAL_RETRY", row, describe(row));
            LOG.warnf("Elevate could not send the break-glass OS credential command for window %s: %s",
                    row.getWindowId(), row.getLastError());
        }
    }

    private void polled(OsCredentialEntity row, Answer answer, Instant now, Trail trail) {
        Ssm.Invocation invocation;
        if (answer.error() == null) {
            invocation = (Ssm.Invocation) answer.value();
        } else {
            RuntimeException error = answer.error();
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

    private void deleted(OsCredentialEntity row, Answer answer, Instant now, Trail trail) {
        if (answer.error() == null) {
            boolean existed = (Boolean) answer.value();
            row.setDeletedAt(now.toEpochMilli());
            row.setNextAttemptAt(null);
            row.setAttempts(0);
            if (!OsCredentialState.FAILED.name().equals(row.getState())) {
                row.setState(OsCredentialState.DELETED.name());
            }
            trail.record("OS_CREDENTIAL_DELETED", row, describe(row) + (existed ? "" : " (it was not there)"));
            return;
        }
        row.setAttempts(row.getAttempts() + 1);
        row.setLastError(Ssm.describe(answer.error()));
        row.setNextAttemptAt(backoff.next(now, row.getAttempts()));
        trail.record("OS_CREDENTIAL_RETRY", row, "DeleteParameter: " + describe(row));
        LOG.warnf("Elevate could not delete %s: %s", row.getParameterName(), row.getLastError());
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
