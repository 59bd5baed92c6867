package io.elevate.signin;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A caller's RelayState")
class RelayStatePolicyTest {

    private final RelayStatePolicy policy = new RelayStatePolicy(RelayStatePolicy.COMMERCIAL_CONSOLE_HOSTS);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://console.aws.amazon.com/systems-manager/session-manager/i-0123456789abcdef0?region=eu-west-1",
            "https://eu-west-1.console.aws.amazon.com/ec2/home",
            "https://CONSOLE.AWS.AMAZON.COM/",
            "https://console.aws.amazon.com:443/s3"})
    void isKeptWhenItPointsAtTheAwsConsole(String relayState) {
        assertThat(policy.allows(relayState)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example/phish",
            "http://console.aws.amazon.com/",
            "https://console.aws.amazon.com.evil.example/",
            "https://evilconsole.aws.amazon.com/",
            "https://console.aws.amazon.com@evil.example/",
            "https://console.aws.amazon.com:8443/",
            "//evil.example/",
            "/relative/path",
            "javascript:alert(1)",
            "https://.console.aws.amazon.com/",
            "not a url at all"})
    void isRefusedOtherwise(String relayState) {
        assertThat(policy.allows(relayState)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void followsThePartitionTheClientSignsInTo() {
        GateConfig govCloud = GateConfig.of(null, io.elevate.AwsPartition.AWS_US_GOV);
        GateConfig china = GateConfig.of(null, io.elevate.AwsPartition.AWS_CN);

        assertThat(govCloud.relayStatePolicy().allows("https://console.amazonaws-us-gov.com/ec2/home")).isTrue();
        assertThat(govCloud.relayStatePolicy().allows("https://us-gov-west-1.console.amazonaws-us-gov.com/")).isTrue();
        assertThat(govCloud.relayStatePolicy().allows("https://console.aws.amazon.com/")).isFalse();
        assertThat(china.relayStatePolicy().allows("https://console.amazonaws.cn/systems-manager/")).isTrue();
        assertThat(china.relayStatePolicy().allows("https://console.amazonaws-us-gov.com/")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void theClientsPartitionComesFromItsConsumerUrlThenItsAudience() {
        assertThat(SignInEndpoint.partition("https://us-gov-east-1.signin.amazonaws-us-gov.com/saml", "x"))
                .isEqualTo(io.elevate.AwsPartition.AWS_US_GOV);
        assertThat(SignInEndpoint.partition(null, "urn:amazon:webservices:cn-north-1")).isEqualTo(io.elevate.AwsPartition.AWS_CN);
        assertThat(SignInEndpoint.partition("https://evil.example/saml", "urn:amazon:webservices"))
                .isEqualTo(io.elevate.AwsPartition.AWS);
    }
}
