package io.elevate.aws.client;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The server's AWS settings")
class AwsSettingsTest {

    @Test
    @DisplayName("given an endpoint option with a digit before the capital, then its documented dashed name is asked too")
    void dashesAfterDigits() {
        // Keycloak dashes "iamEndpoint" itself but leaves "ec2Endpoint" as it is
        assertThat(AwsSettings.dashed(AwsService.EC2.endpointOption())).isEqualTo("ec2-endpoint");
        assertThat(AwsSettings.dashed(AwsService.IAM.endpointOption())).isEqualTo("iam-endpoint");
    }
}
