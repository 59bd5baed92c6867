package io.elevate.breakglass;

import io.elevate.aws.client.AwsClients;
import io.elevate.breakglass.OsCredentialSettings.Platform;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.util.List;
import java.util.Map;

/**
 * The four SSM calls of a break-glass OS credential, through the server's SSM client of the target's region (which
 * retries throttling and transient errors, with bounded timeouts): {@code SendCommand}, {@code GetCommandInvocation},
 * {@code GetParameter} (decrypted) and {@code DeleteParameter}. Errors are the SDK's exceptions; {@link #describe} and
 * {@link #isTransient} read them.
 */
final class Ssm {

    /** How long SSM may wait for the instance to pick the command up, and how long the script may run. */
    static final int DELIVERY_TIMEOUT_SECONDS = 600;
    static final int EXECUTION_TIMEOUT_SECONDS = 120;

    private final AwsClients aws;

    Ssm(AwsClients aws) {
        this.aws = aws;
    }

    /** Where a command stands on the instance. */
    record Invocation(CommandInvocationStatus status, String details) {

        boolean running() {
            return status == null || status == CommandInvocationStatus.PENDING
                    || status == CommandInvocationStatus.IN_PROGRESS || status == CommandInvocationStatus.DELAYED;
        }

        boolean succeeded() {
            return status == CommandInvocationStatus.SUCCESS;
        }
    }

    /** Runs the script on the instance; returns the command id. */
    String send(String windowId, String instanceId, String region, Platform platform, String user, String kmsKeyId,
                String parameterName) {
        List<String> commands = OsCredentialScript.commands(platform, user, kmsKeyId, parameterName, region);
        return aws.ssm(region).sendCommand(r -> r
                .documentName(platform.document())
                .instanceIds(instanceId)
                .parameters(Map.of("commands", commands,
                        "executionTimeout", List.of(Integer.toString(EXECUTION_TIMEOUT_SECONDS))))
                .timeoutSeconds(DELIVERY_TIMEOUT_SECONDS)
                .comment(comment(windowId))).command().commandId();
    }

    /** SSM's comment (at most 100 characters): which window the command is for, so CloudTrail readers can tell. */
    static String comment(String windowId) {
        String comment = "Elevate break-glass OS credential " + windowId;
        return comment.length() > 100 ? comment.substring(0, 100) : comment;
    }

    /** The command's status on the instance; {@code status} null while SSM does not know the invocation yet. */
    Invocation invocation(String region, String commandId, String instanceId) {
        try {
            GetCommandInvocationResponse response = aws.ssm(region)
                    .getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId));
            return new Invocation(response.status(), response.statusDetails());
        } catch (InvocationDoesNotExistException notYet) {
            return new Invocation(null, "InvocationDoesNotExist");
        }
    }

    /** The decrypted parameter value. */
    String value(String region, String parameterName) {
        return aws.ssm(region).getParameter(r -> r.name(parameterName).withDecryption(true)).parameter().value();
    }

    /** Deletes the parameter; false when it was not there (then there is nothing to delete either). */
    boolean delete(String region, String parameterName) {
        try {
            aws.ssm(region).deleteParameter(r -> r.name(parameterName));
            return true;
        } catch (ParameterNotFoundException gone) {
            return false;
        }
    }

    /** Whether trying again later may help: throttling, AWS's own faults, no answer. Not: denied, invalid. */
    static boolean isTransient(RuntimeException error) {
        if (error instanceof AwsServiceException aws) {
            return aws.isThrottlingException() || aws.statusCode() >= 500;
        }
        return error instanceof SdkException;
    }

    /** The error for the audit trail: AWS's code and message, or the client's message. Never a value. */
    static String describe(RuntimeException error) {
        String text;
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            text = aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
        } else {
            text = error.getClass().getSimpleName() + ": " + error.getMessage();
        }
        return text.length() > 500 ? text.substring(0, 499) + "…" : text;
    }
}
