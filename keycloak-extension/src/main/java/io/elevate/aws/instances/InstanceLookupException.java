package io.elevate.aws.instances;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.InterruptedIOException;

/**
 * AWS could not tell an instance's tags: not enabled on this server, unreachable, too slow, throttling after the
 * SDK's retries, or denying the call. Never answered with a guess; the request that needed the tags is refused.
 */
public final class InstanceLookupException extends RuntimeException {

    public InstanceLookupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A sentence a requester (and an admin reading the log) can act on, from the SDK's failure of {@code call}. */
    static InstanceLookupException of(String call, String region, RuntimeException error) {
        return new InstanceLookupException("could not look up instance tags in AWS (" + call + " in " + region + "): "
                + reason(error), error);
    }

    private static String reason(RuntimeException error) {
        if (error instanceof IllegalStateException) {
            return error.getMessage();
        }
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails().errorMessage();
            if (aws.isThrottlingException()) {
                return "AWS is throttling the calls (" + code + "), also after retries";
            }
            if (aws.statusCode() == 403 || code != null && (code.contains("AccessDenied")
                    || code.contains("Unauthorized"))) {
                return "the server's AWS credentials may not do this (" + code + "): " + message;
            }
            return code + (message == null ? "" : ": " + message);
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException
                || causedByTimeout(error)) {
            return "AWS did not answer in time";
        }
        if (error instanceof SdkException) {
            return "AWS is not reachable: " + error.getMessage();
        }
        return error.toString();
    }

    private static boolean causedByTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }
}
