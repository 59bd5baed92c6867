package io.elevate.breakglass;

import io.elevate.aws.client.AwsClients;
import io.elevate.breakglass.OsCredentialSettings.Platform;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.SsmContract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Break-glass OS credentials through the real AWS SDK's SSM client against SSM's contract: SendCommand,
 * GetCommandInvocation, GetParameter and DeleteParameter, signed and well-formed, and how throttling, refusals and
 * silence are handled.
 */
@DisplayName("Break-glass OS credentials through SSM")
class SsmContractTest {

    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String KEY = "alias/elevate-break-glass";
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration RETRY = Duration.ofSeconds(15);

    private AwsContractServer aws;
    private SsmContract ssm;
    private AwsClients clients;
    private OsCredentialWorker worker;
    private final List<String> trail = new ArrayList<>();

    @BeforeEach
    void start() {
        aws = AwsContractServer.start();
        ssm = SsmContract.on(aws);
        clients = new AwsClients(aws.settings());
        worker = new OsCredentialWorker(new Ssm(clients), RETRY, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Nested
    @DisplayName("when all goes well")
    class Success {

        @Test
        void theCommandIsSignedWellFormedAndCarriesNoPassword() {
            OsCredentialEntity row = pending();

            advance(row, T0);

            assertThat(row.getState()).isEqualTo("SENT");
            assertThat(row.getCommandId()).isEqualTo(ssm.commands().get(0).commandId());
            AwsContractServer.Request sent = aws.requests("ssm", "SendCommand").get(0);
            assertThat(sent.signed()).isTrue();
            assertThat(sent.region()).isEqualTo("eu-west-1");
            JsonNode body = sent.json();
            assertThat(body.path("DocumentName").asText()).isEqualTo("AWS-RunShellScript");
            assertThat(body.path("InstanceIds")).extracting(JsonNode::asText).containsExactly(INSTANCE);
            assertThat(body.path("Comment").asText()).isEqualTo("Elevate break-glass OS credential " + row.getWindowId());
            String script = String.join("\n", ssm.commands().get(0).commands());
            assertThat(script).contains("chpasswd", "aws ssm put-parameter", "--type SecureString",
                    "K='" + KEY + "'", "N='" + row.getParameterName() + "'", "U='elevate-breakglass'",
                    "--value file:///dev/stdin");

            advance(row, T0.plusSeconds(2));
            assertThat(row.getState()).as("still running on the instance").isEqualTo("SENT");
            advance(row, T0.plusSeconds(4));
            assertThat(row.getState()).isEqualTo("SET");
            assertThat(row.getDeleteAfter()).isEqualTo(T0.plusSeconds(64).toEpochMilli());
            assertThat(row.getNextAttemptAt()).isEqualTo(row.getDeleteAfter());

            String password = new Ssm(clients).value("eu-west-1", row.getParameterName());
            assertThat(password).hasSize(24).isEqualTo(ssm.parameter(row.getParameterName()));
            assertThat(aws.requests("ssm", "GetParameter").get(0).json().path("WithDecryption").asBoolean()).isTrue();
            assertThat(aws.requests("ssm", "SendCommand")).allSatisfy(r -> assertThat(r.body()).doesNotContain(password));

            advance(row, T0.plusSeconds(64));
            assertThat(row.getState()).isEqualTo("DELETED");
            assertThat(row.getNextAttemptAt()).isNull();
            assertThat(ssm.parameter(row.getParameterName())).isNull();
            assertThat(aws.requests("ssm", "DeleteParameter")).singleElement()
                    .satisfies(r -> assertThat(r.json().path("Name").asText()).isEqualTo(row.getParameterName()));
            assertThat(trail).extracting(t -> t.substring(0, t.indexOf(' '))).containsExactly(
                    "OS_CREDENTIAL_COMMAND_SENT", "OS_CREDENTIAL_SET", "OS_CREDENTIAL_DELETED");
            assertThat(trail).allSatisfy(t -> assertThat(t).doesNotContain(password));
        }

        @Test
        void aWindowNoLongerOpenGetsNoCommand() {
            OsCredentialEntity row = pending();

            worker.advance(row, T0, false, (action, r, detail) -> trail.add(action + " " + detail));

            assertThat(row.getState()).isEqualTo("FAILED");
            assertThat(row.getNextAttemptAt()).isNull();
            assertThat(aws.requests()).isEmpty();
            assertThat(trail).singleElement().asString().startsWith("OS_CREDENTIAL_FAILED").contains("no longer open");
        }

        @Test
        void aWindowsInstanceGetsThePowerShellDocument() {
            OsCredentialEntity row = pending();
            row.setPlatform(Platform.WINDOWS.name());
            row.setOsUser("Administrator");

            advance(row, T0);

            assertThat(aws.requests("ssm", "SendCommand").get(0).json().path("DocumentName").asText())
                    .isEqualTo("AWS-RunPowerShellScript");
            assertThat(String.join("\n", ssm.commands().get(0).commands()))
                    .contains("Set-LocalUser -Name $U", "Write-SSMParameter", "-Type SecureString");
        }

        @Test
        void aCommandThatFailsOnTheInstanceIsAuditedAndItsParameterDeletedAnyway() {
            ssm.commandsEnd("Failed").pollsUntilDone(0);
            OsCredentialEntity row = pending();

            advance(row, T0);
            advance(row, T0.plusSeconds(2));
            assertThat(row.getState()).isEqualTo("FAILED");
            assertThat(row.getLastError()).contains("Failed");
            advance(row, T0.plusSeconds(4));

            assertThat(aws.requests("ssm", "DeleteParameter")).hasSize(1);
            assertThat(row.getNextAttemptAt()).isNull();
            assertThat(row.getState()).as("failed stays failed").isEqualTo("FAILED");
            assertThat(trail).extracting(t -> t.substring(0, t.indexOf(' '))).containsExactly(
                    "OS_CREDENTIAL_COMMAND_SENT", "OS_CREDENTIAL_FAILED", "OS_CREDENTIAL_DELETED");
        }
    }

    @Nested
    @DisplayName("when SSM throttles")
    class Throttling {

        @Test
        void sendCommandIsRetriedByTheSdkAndSucceeds() {
            aws.fail("ssm", "SendCommand", Fault.THROTTLE, 2);
            OsCredentialEntity row = pending();

            advance(row, T0);

            assertThat(row.getState()).isEqualTo("SENT");
            assertThat(aws.requests("ssm", "SendCommand")).extracting(AwsContractServer.Request::status)
                    .containsExactly(400, 400, 200);
            assertThat(ssm.commands()).hasSize(1);
        }

        @Test
        void getParameterIsRetriedByTheSdkAndSucceeds() {
            ssm.put("/elevate/break-glass/w1", "s3cret-value");
            aws.fail("ssm", "GetParameter", Fault.THROTTLE, 2);

            assertThat(new Ssm(clients).value("eu-west-1", "/elevate/break-glass/w1")).isEqualTo("s3cret-value");
            assertThat(aws.requests("ssm", "GetParameter")).hasSize(3);
        }

        @Test
        void deletionIsRetriedWithBackoffUntilDone() {
            OsCredentialEntity row = set(T0.minusSeconds(1));
            ssm.put(row.getParameterName(), "s3cret-value");
            aws.fail("ssm", "DeleteParameter", Fault.THROTTLE, 3 + 3);

            advance(row, T0);
            assertThat(row.getState()).isEqualTo("SET");
            assertThat(row.getAttempts()).isEqualTo(1);
            assertThat(row.getNextAttemptAt()).isEqualTo(T0.plus(RETRY).toEpochMilli());
            advance(row, T0.plus(RETRY));
            assertThat(row.getNextAttemptAt()).as("the wait doubles").isEqualTo(T0.plus(RETRY).plus(RETRY.multipliedBy(2))
                    .toEpochMilli());
            advance(row, T0.plus(RETRY.multipliedBy(3)));

            assertThat(row.getState()).isEqualTo("DELETED");
            assertThat(ssm.parameter(row.getParameterName())).isNull();
            assertThat(aws.requests("ssm", "DeleteParameter")).hasSize(3 + 3 + 1);
            assertThat(trail).extracting(t -> t.substring(0, t.indexOf(' '))).containsExactly(
                    "OS_CREDENTIAL_RETRY", "OS_CREDENTIAL_RETRY", "OS_CREDENTIAL_DELETED");
            assertThat(trail.get(0)).contains("ThrottlingException").doesNotContain("s3cret-value");
        }

        @Test
        void aParameterAlreadyGoneCountsAsDeleted() {
            OsCredentialEntity row = set(T0.minusSeconds(1));

            advance(row, T0);

            assertThat(row.getState()).isEqualTo("DELETED");
            assertThat(trail.get(0)).contains("it was not there");
        }
    }

    @Nested
    @DisplayName("when access is denied")
    class AccessDenied {

        @Test
        void sendCommandFailsAtOnceClearlyAndAudited() {
            aws.fail("ssm", "SendCommand", Fault.ACCESS_DENIED, 1);
            OsCredentialEntity row = pending();

            advance(row, T0);

            assertThat(row.getState()).isEqualTo("FAILED");
            assertThat(row.getNextAttemptAt()).as("no command ran: nothing to delete").isNull();
            assertThat(aws.requests("ssm", "SendCommand")).as("not retried").hasSize(1);
            assertThat(trail).singleElement().asString().startsWith("OS_CREDENTIAL_FAILED")
                    .contains("AccessDeniedException", "User is not authorized");
        }

        @Test
        void getParameterIsRefusedWithAwsErrorCode() {
            ssm.put("/elevate/break-glass/w1", "s3cret-value");
            aws.fail("ssm", "GetParameter", Fault.ACCESS_DENIED, 1);

            assertThatThrownBy(() -> new Ssm(clients).value("eu-west-1", "/elevate/break-glass/w1"))
                    .isInstanceOfSatisfying(SsmException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(Ssm.isTransient(e)).isFalse();
                    });
            assertThat(aws.requests("ssm", "GetParameter")).hasSize(1);
        }

        @Test
        void deletionIsRetriedLaterSinceTheParameterMustGo() {
            OsCredentialEntity row = set(T0.minusSeconds(1));
            aws.fail("ssm", "DeleteParameter", Fault.ACCESS_DENIED, 1);

            advance(row, T0);

            assertThat(row.getState()).isEqualTo("SET");
            assertThat(row.getNextAttemptAt()).isEqualTo(T0.plus(RETRY).toEpochMilli());
            assertThat(trail).singleElement().asString().startsWith("OS_CREDENTIAL_RETRY").contains("AccessDenied");
        }
    }

    @Nested
    @DisplayName("when SSM does not answer")
    class Timeout {

        @Test
        void sendCommandGivesUpWithinTheCallTimeoutAndIsTriedAgainLater() {
            aws.fail("ssm", "SendCommand", Fault.TIMEOUT, 3);
            OsCredentialEntity row = pending();
            long start = System.nanoTime();

            advance(row, T0);

            assertThat((System.nanoTime() - start) / 1_000_000).as("bounded by the call timeout")
                    .isBetween(1_500L, 8_000L);
            assertThat(row.getState()).isEqualTo("PENDING");
            assertThat(row.getAttempts()).isEqualTo(1);
            assertThat(row.getNextAttemptAt()).isEqualTo(T0.plus(RETRY).toEpochMilli());
            assertThat(trail).singleElement().asString().startsWith("OS_CREDENTIAL_RETRY");
        }

        @Test
        void sendingStopsAfterFiveFailedAttempts() {
            OsCredentialEntity row = pending();
            row.setAttempts(OsCredentialWorker.MAX_SEND_ATTEMPTS - 1);
            aws.fail("ssm", "SendCommand", Fault.THROTTLE, 3);

            advance(row, T0);

            assertThat(row.getState()).isEqualTo("FAILED");
            assertThat(trail).singleElement().asString().startsWith("OS_CREDENTIAL_FAILED");
        }

        @Test
        void aCommandThatNeverFinishesIsGivenUp() {
            ssm.pollsUntilDone(1000);
            OsCredentialEntity row = pending();
            advance(row, T0);
            advance(row, T0.plusSeconds(60));
            assertThat(row.getState()).isEqualTo("SENT");

            advance(row, T0.plus(OsCredentialWorker.GIVE_UP).plusSeconds(1));

            assertThat(row.getState()).isEqualTo("FAILED");
            assertThat(row.getLastError()).contains("did not finish");
        }
    }

    private void advance(OsCredentialEntity row, Instant now) {
        worker.advance(row, now, true, (action, r, detail) -> trail.add(action + " " + detail));
    }

    @Nested
    @DisplayName("when the step is split into read, call and record")
    class ReadCallRecord {

        @Test
        @DisplayName("then the SSM call reads only the step and changes no row")
        void theCallChangesNothing() {
            OsCredentialEntity row = pending();
            OsCredentialWorker.Step step = OsCredentialWorker.Step.of(row, true);

            OsCredentialWorker.Answer answer = worker.call(step);

            assertThat(answer.error()).isNull();
            assertThat(ssm.commands()).singleElement().satisfies(c -> assertThat(c.commandId()).isEqualTo(answer.value()));
            assertThat(row.getState()).isEqualTo("PENDING");
            assertThat(row.getCommandId()).isNull();
            worker.apply(row, step, answer, T0, (action, r, detail) -> trail.add(action + " " + detail));
            assertThat(row.getState()).isEqualTo("SENT");
            assertThat(row.getCommandId()).isEqualTo(answer.value());
        }

        @Test
        @DisplayName("then a deletion still applies to a password shown meanwhile, but a send not to a row sent meanwhile")
        void aRowMovedMeanwhile() {
            OsCredentialEntity set = set(T0);
            OsCredentialWorker.Step delete = OsCredentialWorker.Step.of(set, true);
            set.setState(OsCredentialState.SHOWN.name());
            assertThat(delete.call()).isEqualTo(OsCredentialWorker.Call.DELETE);
            assertThat(delete.stillDue(set)).isTrue();

            OsCredentialEntity pending = pending();
            OsCredentialWorker.Step send = OsCredentialWorker.Step.of(pending, true);
            pending.setState(OsCredentialState.SENT.name());
            pending.setCommandId("sent-by-another-run");
            assertThat(send.stillDue(pending)).isFalse();
        }
    }

    private static OsCredentialEntity pending() {
        String windowId = UUID.randomUUID().toString();
        OsCredentialEntity row = new OsCredentialEntity();
        row.setId(UUID.randomUUID().toString());
        row.setRealmId("realm");
        row.setWindowId(windowId);
        row.setUserId("user");
        row.setInstanceId(INSTANCE);
        row.setRegion("eu-west-1");
        row.setPlatform(Platform.LINUX.name());
        row.setOsUser("elevate-breakglass");
        row.setKmsKeyId(KEY);
        row.setParameterName(OsCredentialScript.parameterName(windowId));
        row.setAvailableSeconds(60);
        row.setState(OsCredentialState.PENDING.name());
        row.setCreatedAt(T0.toEpochMilli());
        row.setNextAttemptAt(T0.toEpochMilli());
        return row;
    }

    private static OsCredentialEntity set(Instant deleteAfter) {
        OsCredentialEntity row = pending();
        row.setState(OsCredentialState.SET.name());
        row.setCommandId(UUID.randomUUID().toString());
        row.setDeleteAfter(deleteAfter.toEpochMilli());
        row.setNextAttemptAt(deleteAfter.toEpochMilli());
        return row;
    }
}
