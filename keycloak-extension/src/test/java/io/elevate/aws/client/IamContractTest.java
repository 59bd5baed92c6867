package io.elevate.aws.client;

import io.elevate.AwsPartition;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.IamContract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.net.URLDecoder;
import java.util.List;

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
        contract = IamContract.on(aws).createRole("ops-elevated").createRole("ops");
        clients = new AwsClients(aws.settings());
        iam = clients.iam(AwsPartition.AWS);
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
    void eachPartitionsClientSignsForThatPartitionsIamRegionWithTheSameCredentials() {
        for (AwsPartition partition : AwsPartition.values()) {
            clients.iam(partition).putRolePolicy(r -> r.roleName("ops").policyName("p").policyDocument(DOCUMENT));
        }
        assertThat(clients.iam(AwsPartition.AWS_US_GOV)).isSameAs(clients.iam(AwsPartition.AWS_US_GOV))
                .isNotSameAs(clients.iam(AwsPartition.AWS));
        assertThat(aws.requests("iam", "PutRolePolicy")).allSatisfy(r -> assertThat(r.signed()).isTrue())
                .extracting(AwsContractServer.Request::region)
                .containsExactly("us-east-1", "us-gov-west-1", "cn-north-1");
    }

    @Test
    void deletingAPolicyThatIsNotThereIsNoSuchEntity() {
        assertThatThrownBy(() -> iam.deleteRolePolicy(r -> r.roleName("ops").policyName("elevate-revocations")))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void aRoleThatDoesNotExistIsNoSuchEntityAsInIam() {
        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("no-such-role").policyName("p")
                .policyDocument(DOCUMENT)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.statusCode()).isEqualTo(404);
                });
        assertThat(contract.policy("no-such-role", "p")).isNull();
    }

    @Test
    void aDocumentThatIsNotAPolicyIsMalformedPolicyDocument() {
        for (String malformed : List.of("{\"Version\":\"2012-10-17\",\"Statement\":[", "not json",
                DOCUMENT + "{}", "{\"Version\":\"2012-10-17\"}",
                "{\"Statement\":[],\"Statement\":[]}")) {
            assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("ops").policyName("p")
                    .policyDocument(malformed)))
                    .as(malformed)
                    .isInstanceOfSatisfying(AwsServiceException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument"));
        }
        assertThat(contract.policy("ops", "p")).isNull();
    }

    @Test
    void inlinePoliciesOverTenThousandTwoHundredFortyCharactersInTotalAreLimitExceeded() {
        String half = policyOfSize(5_200);
        iam.putRolePolicy(r -> r.roleName("ops").policyName("a").policyDocument(half));
        iam.putRolePolicy(r -> r.roleName("ops").policyName("a").policyDocument(half)); // replacing is not adding

        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("ops").policyName("b").policyDocument(half)))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded"));
        String rest = policyOfSize(10_240 - 5_200);
        iam.putRolePolicy(r -> r.roleName("ops").policyName("b").policyDocument(rest));
        assertThat(contract.policy("ops", "b")).isEqualTo(rest);
    }

    /** A policy of exactly {@code size} characters without whitespace (with some whitespace, which IAM does not count). */
    private static String policyOfSize(int size) {
        String head = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", "
                + "\"Resource\": \"*\", \"Sid\": \"";
        String tail = "\"}]}";
        int fixed = head.replace(" ", "").length() + tail.length();
        return head + "S".repeat(size - fixed) + tail;
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
            assertThatThrownBy(() -> wrong.iam(AwsPartition.AWS).putRolePolicy(r -> r.roleName("ops").policyName("p")
                    .policyDocument(DOCUMENT)))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("SignatureDoesNotMatch"));
        } finally {
            System.setProperty("aws.secretAccessKey", AwsContractServer.SECRET_ACCESS_KEY);
        }
        assertThat(aws.requests()).singleElement().satisfies(r -> assertThat(r.signed()).isFalse());
    }
}
