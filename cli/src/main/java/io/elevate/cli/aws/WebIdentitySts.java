package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.time.Duration;

/**
 * {@code AssumeRoleWithWebIdentity} through the AWS SDK for Java v2. The call is unsigned (the access token is the
 * proof), so the client has anonymous credentials and never looks for others.
 */
public final class WebIdentitySts {

    /** What to ask STS for. {@code endpoint} null: AWS's regional endpoint of {@code region}. */
    public record Call(String roleArn, String roleSessionName, String webIdentityToken, int durationSeconds,
                       String region, URI endpoint) {
    }

    public AwsCredentials assume(Call call) {
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(call.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(Duration.ofSeconds(60)));
        if (call.endpoint() != null) {
            builder.endpointOverride(call.endpoint());
        }
        String where = call.endpoint() != null ? call.endpoint().toString() : "STS in " + call.region();
        try (StsClient sts = builder.build()) {
            AssumeRoleWithWebIdentityResponse response = sts.assumeRoleWithWebIdentity(request -> request
                    .roleArn(call.roleArn())
                    .roleSessionName(call.roleSessionName())
                    .webIdentityToken(call.webIdentityToken())
                    .durationSeconds(call.durationSeconds()));
            Credentials credentials = response.credentials();
            if (credentials == null) {
                throw new CliException(ExitCode.UNREACHABLE, where + " answered without credentials");
            }
            return new AwsCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                    credentials.sessionToken(), credentials.expiration());
        } catch (StsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (e.statusCode() >= 500) {
                throw new CliException(ExitCode.UNREACHABLE, "AWS STS failed (HTTP " + e.statusCode() + "): " + message, e);
            }
            throw new CliException(ExitCode.REFUSED, "AWS refused to assume " + call.roleArn() + ": " + code
                    + (message == null ? "" : ": " + message), e);
        } catch (SdkClientException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach AWS STS (" + where + "): " + e.getMessage(), e);
        }
    }
}
