package io.elevate.aws.client;

import io.elevate.AwsPartition;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The region IAM is signed for")
class IamRegionTest {

    @Test
    void isThePartitionsIamRegion() {
        assertThat(AwsClients.iamRegion(AwsPartition.AWS)).isEqualTo("us-east-1");
        assertThat(AwsClients.iamRegion(AwsPartition.AWS_US_GOV)).isEqualTo("us-gov-west-1");
        assertThat(AwsClients.iamRegion(AwsPartition.AWS_CN)).isEqualTo("cn-north-1");
    }
}
