package io.elevate.aws.client;

import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.IamContract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.net.URLDecoder;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's IAM client (the real AWS SDK) against IAM's contract: role inline policies, signed, and its failures. */
@DisplayName("IAM role policies through the AWS SDK")
class IamContractTest {

    private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private AwsContractServer aws;
    private IamContract contract;
    private AwsClients clients;
    private IamClient iam;

    @BeforeEach
    void start() {
        aws = AwsContractServer.start();
        contract = IamContract.on(aws);
        clients = new AwsClients(aws.settings());
        iam = clients.iam();
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Test
    void putGetAndDeleteAreSignedAndRoundTripThePolicy() {
        iam.putRolePolicy(r -> r.roleName("ops-elevated").policyName("elevate-revocations").policyDocument(DOCUMENT));
        String read = iam.getRolePolicy(r -> r.roleName("ops-elevated").policyName("elevate-revocations"))
                .policyDocument();
        iam.deleteRolePolicy(r -> r.roleName("ops-elevated").policyName("elevate-revocations"));

        assertThat(URLDecoder.decode(read, UTF_8)).isEqualTo(DOCUMENT);
        assertThat(contract.policy("ops-elevated", "elevate-revocations")).isNull();
        assertThat(aws.requests("iam", "PutRolePolicy")).singleElement()
                .satisfies(r -> assertThat(r.signed()).isTrue())
                .satisfies(r -> assertThat(r.region()).isEqualTo("us-east-1"));
        assertThat(aws.requests()).extracting(AwsContractServer.Request::action)
                .containsExactly("PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy");
    }

    @Test
    void deletingAPolicyThatIsNotThereIsNoSuchEntity() {
        assertThatThrownBy(() -> iam.deleteRolePolicy(r -> r.roleName("ops").policyName("elevate-revocations")))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void throttlingIsNotRetriedByTheSdkBecauseTheOutboxRetries() {
        aws.fail("iam", "PutRolePolicy", Fault.THROTTLE, 1);

        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("ops").policyName("p").policyDocument(DOCUMENT)))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.isThrottlingException()).isTrue());
        assertThat(aws.requests("iam", "PutRolePolicy")).hasSize(1);
    }

    @Test
    void accessDeniedIsReportedWithAwsErrorCode() {
        aws.fail("iam", "PutRolePolicy", Fault.ACCESS_DENIED, 1);

        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("ops").policyName("p").policyDocument(DOCUMENT)))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThat(contract.policy("ops", "p")).isNull();
    }

    @Test
    void aCallWithoutAnswerTimesOutWithinTheConfiguredBound() {
        aws.fail("iam", "PutRolePolicy", Fault.TIMEOUT, 1);
        long start = System.nanoTime();

        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("ops").policyName("p").policyDocument(DOCUMENT)))
                .isInstanceOf(SdkClientException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_500L, 6_000L);
    }

    @Test
    void aRequestSignedWithAnotherSecretIsRefused() {
        System.setProperty("aws.secretAccessKey", "not-the-secret");
        try (AwsClients wrong = new AwsClients(aws.settings())) {
            assertThatThrownBy(() -> wrong.iam().putRolePolicy(r -> r.roleName("ops").policyName("p")
                    .policyDocument(DOCUMENT)))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("SignatureDoesNotMatch"));
        } finally {
            System.setProperty("aws.secretAccessKey", AwsContractServer.SECRET_ACCESS_KEY);
        }
        assertThat(aws.requests()).singleElement().satisfies(r -> assertThat(r.signed()).isFalse());
    }
}
