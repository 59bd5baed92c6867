package io.elevate.aws.instances;

import io.elevate.aws.client.AwsClients;
import io.elevate.testing.aws.AwsContractServer;
import io.elevate.testing.aws.AwsContractServer.Fault;
import io.elevate.testing.aws.ConfigContract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Instance tags from AWS Config's SelectResourceConfig through the real AWS SDK, against Config's contract. */
@DisplayName("Instance tags from AWS Config")
class ConfigInstancesTest {

    private static final String WEB = "i-0123456789abcdef0";

    private AwsContractServer aws;
    private ConfigContract config;
    private AwsClients clients;
    private ConfigInstances instances;

    @BeforeEach
    void start() {
        aws = AwsContractServer.start();
        config = ConfigContract.on(aws)
                .instance(WEB, "running", Map.of("Name", "web-1", "Env", "dev", "AppId", "ABC"))
                .instance("i-0fedcba9876543210", "stopped", Map.of("Name", "db-1", "Env", "prod", "AppId", "DBX"));
        clients = new AwsClients(aws.settings());
        instances = new ConfigInstances(clients);
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    @Nested
    @DisplayName("given an instance id")
    class Find {

        @Test
        @DisplayName("then one signed SelectResourceConfig queries it by resourceId and its tags come back")
        void findsTheInstance() {
            Instance web = instances.find("eu-west-1", WEB).orElseThrow();

            assertThat(web.tags()).containsEntry("AppId", "ABC").containsEntry("Name", "web-1");
            assertThat(web.state()).isEqualTo("running");
            assertThat(aws.requests("config", "SelectResourceConfig")).singleElement().satisfies(r -> {
                assertThat(r.signed()).isTrue();
                assertThat(r.region()).isEqualTo("eu-west-1");
                assertThat(r.json().path("Expression").asText())
                        .isEqualTo(ConfigContract.SELECT + " AND resourceId = '" + WEB + "'");
                assertThat(r.json().path("Limit").asInt()).isEqualTo(1);
            });
        }

        @Test
        @DisplayName("then an instance Config has not recorded is no instance")
        void unknownIsEmpty() {
            assertThat(instances.find("eu-west-1", "i-0bbbbbbbbbbbbbbb2")).isEmpty();
        }
    }

    @Nested
    @DisplayName("given a tag filter")
    class ListByTags {

        @Test
        @DisplayName("then the query names each tag as tags.tag = 'Key=Value' and pages through the results")
        void listsMatchingInstancesAcrossPages() {
            for (int n = 0; n < 5; n++) {
                config.instance("i-0c0000000000000" + n + "0", "running", Map.of("Env", "dev", "Team", "blue"));
            }

            List<Instance> blue = instances.list("eu-west-1", Map.of("Team", "blue"), 200);

            assertThat(blue).hasSize(5).allSatisfy(i -> assertThat(i.tags()).containsEntry("Team", "blue"));
            assertThat(aws.requests("config", "SelectResourceConfig")).hasSize(1)
                    .first().satisfies(r -> assertThat(r.json().path("Expression").asText())
                            .isEqualTo(ConfigContract.SELECT + " AND tags.tag = 'Team=blue'"));
        }

        @Test
        @DisplayName("then pages are followed with NextToken, and no further than the limit")
        void followsNextToken() {
            config.pageSize(2);
            for (int n = 0; n < 5; n++) {
                config.instance("i-0d0000000000000" + n + "0", "running", Map.of("Team", "red"));
            }

            assertThat(instances.list("eu-west-1", Map.of("Team", "red"), 200)).hasSize(5);
            assertThat(aws.requests("config", "SelectResourceConfig"))
                    .extracting(r -> r.json().path("NextToken").asText(null)).containsExactly(null, "2", "4");
            assertThat(instances.list("eu-west-1", Map.of("Team", "red"), 3)).hasSize(3);
            assertThat(aws.requests("config", "SelectResourceConfig")).hasSize(5);
        }

        @Test
        @DisplayName("then a value that could break out of the query is refused before AWS is asked")
        void quotesNeverReachTheQuery() {
            assertThatThrownBy(() -> instances.list("eu-west-1", Map.of("Env", "dev' OR resourceType = 'x"), 10))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(aws.requests()).isEmpty();
            assertThat(Queries.literal("it's")).isEqualTo("'it''s'");
        }
    }

    @Nested
    @DisplayName("given AWS failing")
    class Failures {

        @Test
        @DisplayName("when Config throttles once, then the SDK retries and the second attempt answers")
        void throttlingIsRetried() {
            aws.fail("config", "SelectResourceConfig", Fault.THROTTLE, 1);

            assertThat(instances.find("eu-west-1", WEB)).isPresent();
            assertThat(aws.requests("config", "SelectResourceConfig")).extracting(AwsContractServer.Request::status)
                    .containsExactly(400, 200);
        }

        @Test
        @DisplayName("when the credentials may not query Config, then a clear error and no retry")
        void accessDenied() {
            aws.fail("config", "SelectResourceConfig", Fault.ACCESS_DENIED, 1);

            assertThatThrownBy(() -> instances.find("eu-west-1", WEB)).isInstanceOf(InstanceLookupException.class)
                    .hasMessageContaining("config:SelectResourceConfig in eu-west-1")
                    .hasMessageContaining("AccessDeniedException");
            assertThat(aws.requests("config", "SelectResourceConfig")).hasSize(1);
        }

        @Test
        @DisplayName("when Config does not answer, then a clear error once every attempt timed out (3 x 2 s)")
        void timeoutIsBounded() {
            aws.fail("config", "SelectResourceConfig", Fault.TIMEOUT, 3);
            long start = System.nanoTime();

            assertThatThrownBy(() -> instances.list("eu-west-1", Map.of("Env", "dev"), 10))
                    .isInstanceOf(InstanceLookupException.class).hasMessageContaining("did not answer in time");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_500L, 12_000L);
        }
    }
}
