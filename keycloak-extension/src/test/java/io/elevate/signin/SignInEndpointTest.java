package io.elevate.signin;

import io.elevate.AwsPartition;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The sign-in endpoints of an AWS client")
class SignInEndpointTest {

    private static final String GLOBAL = "https://signin.aws.amazon.com/saml";
    private static final String FRANKFURT = "https://eu-central-1.signin.aws.amazon.com/saml";

    @Nested
    @DisplayName("given a mapper without endpoints")
    class Default {

        private final ElevationMapperConfig config = ElevationMapperConfig.of(Map.of());

        @Test
        void isTheGlobalEndpointOfThePartition() {
            assertThat(config.signInEndpoints(AwsPartition.AWS)).containsExactly(GLOBAL);
            assertThat(config.signInEndpoints(AwsPartition.AWS_US_GOV))
                    .containsExactly("https://signin.amazonaws-us-gov.com/saml");
        }

        @Test
        void refusesAClientPostingToARegionalEndpointTheTrustPolicyWouldNotList() {
            assertThat(new SignInEndpoint(FRANKFURT, AwsPartition.AWS).problems(config)).singleElement().asString()
                    .contains("the client posts to " + FRANKFURT);
            assertThat(new SignInEndpoint(GLOBAL, AwsPartition.AWS).problems(config)).isEmpty();
        }
    }

    @Nested
    @DisplayName("given a mapper listing the global and a regional endpoint for failover")
    class Failover {

        private final ElevationMapperConfig config = ElevationMapperConfig.of(
                Map.of("signInEndpoints", GLOBAL + "##" + FRANKFURT));

        @Test
        void acceptsAClientPostingToEitherOfThem() {
            assertThat(config.signInEndpoints(AwsPartition.AWS)).containsExactly(GLOBAL, FRANKFURT);
            assertThat(new SignInEndpoint(FRANKFURT, AwsPartition.AWS).problems(config)).isEmpty();
            assertThat(new SignInEndpoint(GLOBAL, AwsPartition.AWS).problems(config)).isEmpty();
            assertThat(new SignInEndpoint("https://us-west-2.signin.aws.amazon.com/saml", AwsPartition.AWS)
                    .problems(config)).hasSize(1);
        }
    }

    @Test
    void refusesEndpointsThatAreNotAwsSignInEndpointsOrSpanPartitions() {
        ElevationMapperConfig config = ElevationMapperConfig.of(Map.of("signInEndpoints",
                "https://evil.example/saml##" + GLOBAL + "##https://signin.amazonaws.cn/saml"));

        assertThat(config.endpointProblems()).containsExactly(
                "sign-in endpoint https://evil.example/saml is not an AWS SAML sign-in endpoint "
                        + "(https://[<region>.]signin.<partition host>/saml[/acs/<IdP-ID>])",
                "sign-in endpoints [https://evil.example/saml, " + GLOBAL + ", https://signin.amazonaws.cn/saml] are in "
                        + "more than one partition");
    }
}
