package io.elevate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AWS partitions")
class AwsPartitionTest {

    @Nested
    @DisplayName("given a region")
    class ByRegion {

        @Test
        void placesItInItsPartitionAsTheSdkDoes() {
            assertThat(AwsPartition.ofRegion("eu-west-1")).contains(AwsPartition.AWS);
            assertThat(AwsPartition.ofRegion("us-gov-west-1")).contains(AwsPartition.AWS_US_GOV);
            assertThat(AwsPartition.ofRegion("cn-northwest-1")).contains(AwsPartition.AWS_CN);
            assertThat(AwsPartition.ofRegion("us-iso-east-1")).isEmpty();
            assertThat(AwsPartition.ofRegion("aws-global")).isEmpty();
        }

        @Test
        void namesArnsSignInConsoleAndServiceHostsOfThatPartition() {
            assertThat(Arns.role(AwsPartition.forRegion("us-gov-west-1"), "123456789012", "Ops"))
                    .isEqualTo("arn:aws-us-gov:iam::123456789012:role/Ops");
            assertThat(Arns.samlProvider(AwsPartition.AWS_CN, "123456789012", "Keycloak"))
                    .isEqualTo("arn:aws-cn:iam::123456789012:saml-provider/Keycloak");
            assertThat(Arns.serviceHost("ssm", "cn-north-1")).isEqualTo("ssm.cn-north-1.amazonaws.com.cn");
            assertThat(Arns.serviceHost("ssm", "us-gov-east-1")).isEqualTo("ssm.us-gov-east-1.amazonaws.com");
        }
    }

    @Nested
    @DisplayName("each partition")
    class Values {

        @Test
        void hasTheSignInEndpointAudienceAndConsoleHostAwsDocuments() {
            assertThat(AwsPartition.AWS.samlEndpoint()).isEqualTo("https://signin.aws.amazon.com/saml");
            assertThat(AwsPartition.AWS_US_GOV.samlEndpoint()).isEqualTo("https://signin.amazonaws-us-gov.com/saml");
            assertThat(AwsPartition.AWS_CN.samlEndpoint()).isEqualTo("https://signin.amazonaws.cn/saml");
            assertThat(AwsPartition.AWS.samlAudience()).isEqualTo("urn:amazon:webservices");
            assertThat(AwsPartition.AWS_US_GOV.samlAudience()).isEqualTo("urn:amazon:webservices:govcloud");
            assertThat(AwsPartition.AWS_CN.samlAudience()).isEqualTo("urn:amazon:webservices:cn-north-1");
            assertThat(AwsPartition.AWS.consoleHost()).isEqualTo("console.aws.amazon.com");
            assertThat(AwsPartition.AWS_US_GOV.consoleHost()).isEqualTo("console.amazonaws-us-gov.com");
            assertThat(AwsPartition.AWS_CN.consoleHost()).isEqualTo("console.amazonaws.cn");
            assertThat(AwsPartition.AWS_US_GOV.federationEndpoint())
                    .isEqualTo("https://signin.amazonaws-us-gov.com/federation");
            assertThat(AwsPartition.AWS.regionalSamlEndpoint("eu-central-1"))
                    .isEqualTo("https://eu-central-1.signin.aws.amazon.com/saml");
        }
    }

    @Nested
    @DisplayName("given a SAML consumer URL")
    class BySamlEndpoint {

        @ParameterizedTest
        @ValueSource(strings = {"https://signin.aws.amazon.com/saml", "https://eu-west-1.signin.aws.amazon.com/saml",
                "https://signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46", "https://us-east-2.signin.aws.amazon.com/saml/acs/abc-123"})
        void knowsTheCommercialEndpoints(String url) {
            assertThat(AwsPartition.ofSamlEndpoint(url)).contains(AwsPartition.AWS);
        }

        @Test
        void knowsTheGovCloudAndChinaEndpoints() {
            assertThat(AwsPartition.ofSamlEndpoint("https://signin.amazonaws-us-gov.com/saml"))
                    .contains(AwsPartition.AWS_US_GOV);
            assertThat(AwsPartition.ofSamlEndpoint("https://us-gov-west-1.signin.amazonaws-us-gov.com/saml"))
                    .contains(AwsPartition.AWS_US_GOV);
            assertThat(AwsPartition.ofSamlEndpoint("https://cn-north-1.signin.amazonaws.cn/saml"))
                    .contains(AwsPartition.AWS_CN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/saml?x=1",
                "https://signin.aws.amazon.com.evil.example/saml", "https://evil.example/saml",
                "https://cn-north-1.signin.aws.amazon.com/saml", "https://moon-1.signin.aws.amazon.com/saml",
                "https://signin.aws.amazon.com/federation", "https://signin.aws.amazon.com:8443/saml",
                "https://signin.aws.amazon.com/saml/acs/", "not a url"})
        void refusesEverythingElse(String url) {
            assertThat(AwsPartition.ofSamlEndpoint(url)).isEmpty();
        }

        @Test
        void readsTheIdpIdOfAnEncryptionEndpoint() {
            assertThat(AwsPartition.idpId("https://signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46"))
                    .contains("SAMLSP4SHN3UIS2D558H46");
            assertThat(AwsPartition.idpId("https://signin.aws.amazon.com/saml")).isEmpty();
        }
    }
}
