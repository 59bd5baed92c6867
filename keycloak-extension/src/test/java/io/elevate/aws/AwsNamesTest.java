package io.elevate.aws;

import io.elevate.Arns;
import io.elevate.AwsPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AWS identifiers of a target")
class AwsNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "000000000000"})
    void acceptsTwelveDigitAccounts(String account) {
        assertThat(AwsNames.checkAccountId(account)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "1234567890123", "12345678901a", " 123456789012", ""})
    void refusesOtherAccounts(String account) {
        assertThat(AwsNames.checkAccountId(account)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"i-01234567", "i-0123456789abcdef0"})
    void acceptsShortAndLongInstanceIds(String id) {
        assertThat(AwsNames.checkInstanceId(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"i-0123456", "i-0123456789ABCDEF0", "i-0123456789abcdef", "0123456789abcdef0", "i-012345678"})
    void refusesMalformedInstanceIds(String id) {
        assertThat(AwsNames.checkInstanceId(id)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ElevateSessionManager", "a", "role+=,.@_-"})
    void acceptsIamRoleNames(String name) {
        assertThat(AwsNames.checkRoleName(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "path/role", "role name", "role*"})
    void refusesInvalidRoleNames(String name) {
        assertThat(AwsNames.checkRoleName(name)).isPresent();
        assertThat(AwsNames.checkRoleName("r".repeat(65))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "us-east-1", "ap-southeast-2", "us-gov-west-1", "us-gov-east-1",
            "cn-north-1", "cn-northwest-1"})
    void acceptsKnownRegionsOfTheThreePartitions(String region) {
        assertThat(AwsNames.checkRegion(region)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-9", "EU-WEST-1", "us-iso-east-1", "us-isob-east-1", "aws-global",
            "aws-us-gov-global", "aws-cn-global", "moon-1", ""})
    void refusesUnknownOrOtherPartitionRegions(String region) {
        assertThat(AwsNames.checkRegion(region)).isPresent();
    }

    @Test
    void acceptsEveryRegionTheSdkPlacesInTheCommercialPartition() {
        List<String> commercial = Region.regions().stream().filter(r -> !r.isGlobalRegion())
                .filter(r -> "aws".equals(RegionMetadata.of(r).partition().id())).map(Region::id).toList();

        assertThat(commercial).contains("eu-central-1", "mx-central-1", "ap-southeast-7");
        assertThat(commercial).allSatisfy(region -> assertThat(AwsNames.checkRegion(region)).isEmpty());
        assertThat(AwsNames.partition("eu-west-1")).isEqualTo("aws");
        assertThat(AwsNames.partition("us-gov-east-1")).isEqualTo("aws-us-gov");
        assertThat(AwsNames.partition("cn-north-1")).isEqualTo("aws-cn");
        assertThat(AwsNames.checkRegion("us-iso-east-1")).contains("must be a region of the aws, aws-us-gov or aws-cn "
                + "partition, such as eu-west-1");
    }

    @Test
    void buildsArnsOfTheCommercialPartition() {
        assertThat(Arns.role(AwsPartition.AWS, "123456789012", "Db.Admin"))
                .isEqualTo("arn:aws:iam::123456789012:role/Db.Admin");
        assertThat(Arns.samlProvider(AwsPartition.AWS, "123456789012", "Keycloak"))
                .isEqualTo("arn:aws:iam::123456789012:saml-provider/Keycloak");
        assertThat(Arns.of("ssm", "*", "", "document/AWS-RunShellScript"))
                .isEqualTo("arn:aws:ssm:*::document/AWS-RunShellScript");
        assertThat(Arns.serviceHost("ssm", "eu-west-1")).isEqualTo("ssm.eu-west-1.amazonaws.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "has space", "aws:operator", "naïve",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void refusesSessionNamesAwsWouldRefuse(String name) {
        assertThat(AwsNames.checkSessionName(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator", "olivia.operator@example.com", "ab"})
    void acceptsUsernamesAndEmailsAsSessionNames(String name) {
        assertThat(AwsNames.checkSessionName(name)).isEmpty();
    }
}
