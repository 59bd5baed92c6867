package io.elevate.aws.client;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The region IAM is signed for")
class IamRegionTest {

    @Test
    void followsThePartitionOfTheServersDefaultRegion() {
        assertThat(AwsClients.iamRegion("eu-west-1")).isEqualTo("us-east-1");
        assertThat(AwsClients.iamRegion("us-gov-east-1")).isEqualTo("us-gov-west-1");
        assertThat(AwsClients.iamRegion("cn-northwest-1")).isEqualTo("cn-north-1");
    }
}
