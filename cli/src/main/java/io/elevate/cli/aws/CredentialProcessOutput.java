package io.elevate.cli.aws;

import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.temporal.ChronoUnit;

/**
 * The JSON the AWS CLI and SDKs read from a {@code credential_process}:
 * {@code {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}}, Expiration in ISO-8601.
 */
public final class CredentialProcessOutput {

    private CredentialProcessOutput() {
    }

    public static String json(AwsCredentials credentials) {
        ObjectNode json = Http.JSON.createObjectNode();
        json.put("Version", 1);
        json.put("AccessKeyId", credentials.accessKeyId());
        json.put("SecretAccessKey", credentials.secretAccessKey());
        json.put("SessionToken", credentials.sessionToken());
        json.put("Expiration", credentials.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
        return json.toString();
    }
}
