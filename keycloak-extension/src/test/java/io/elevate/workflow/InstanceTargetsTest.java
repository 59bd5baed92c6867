package io.elevate.workflow;

import io.elevate.aws.instances.Instance;
import io.elevate.aws.instances.InstanceDirectory;
import io.elevate.aws.instances.InstanceLookupException;
import io.elevate.aws.instances.InstanceSource;
import io.elevate.validation.Violation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The target of a request under a policy that looks up instance tags")
class InstanceTargetsTest {

    private static final String WEB = "i-0123456789abcdef0";

    /** Policy tags AppId=ABC, ReleaseId=1.0 (the filter), discovered keys AppGroupName and Owner. */
    private final ElevationPolicy policy = policy(List.of());

    @Nested
    @DisplayName("given an instance with the policy's tags and every discovered key")
    class Within {

        @Test
        @DisplayName("then the window carries the policy's tags, then the instance's values of the discovered keys")
        void carriesTheInstancesTags() {
            InstanceTargets.Result result = targets(new Instance(WEB, "running", Map.of("AppId", "ABC",
                    "ReleaseId", "1.0", "AppGroupName", "webserver", "Owner", "team-a", "Name", "web-1")))
                    .target(policy, WEB);

            assertThat(result.refusal()).isNull();
            assertThat(result.target().instanceId()).isEqualTo(WEB);
            assertThat(result.target().tags()).containsExactly(Map.entry("AppId", "ABC"),
                    Map.entry("ReleaseId", "1.0"), Map.entry("AppGroupName", "webserver"), Map.entry("Owner", "team-a"));
        }
    }

    @Nested
    @DisplayName("given an instance that is not the policy's")
    class Outside {

        @Test
        @DisplayName("then a tag with another value is refused, saying which")
        void otherValue() {
            assertThat(messages(new Instance(WEB, "running", Map.of("AppId", "XYZ", "ReleaseId", "1.0",
                    "AppGroupName", "w", "Owner", "o")))).containsExactly("instance " + WEB
                    + " is not within policy Web: tag AppId is XYZ, not ABC");
        }

        @Test
        @DisplayName("then a missing filter tag or discovered key is refused, never guessed")
        void missingTags() {
            assertThat(messages(new Instance(WEB, "running", Map.of("AppId", "ABC", "AppGroupName", "w"))))
                    .containsExactly("instance " + WEB + " is not within policy Web: it has no tag ReleaseId (needs 1.0)",
                            "instance " + WEB + " has no tag Owner, which policy Web takes into the session");
        }

        @Test
        @DisplayName("then a discovered value AWS would refuse as a session tag is refused")
        void badValue() {
            assertThat(messages(new Instance(WEB, "running", Map.of("AppId", "ABC", "ReleaseId", "1.0",
                    "AppGroupName", "a;b", "Owner", "o")))).singleElement().asString().contains("characters AWS refuses");
        }

        @Test
        @DisplayName("then an instance AWS does not know is a 400 naming it and the region")
        void unknown() {
            Outcome.Refused refused = (Outcome.Refused) targets(null).target(policy, WEB).refusal();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.violations()).extracting(Violation::message)
                    .containsExactly("no instance " + WEB + " in region eu-west-1");
        }
    }

    @Test
    @DisplayName("given AWS that cannot be asked, then a 503 that says nothing was requested")
    void awsUnavailable() {
        InstanceDirectory failing = new Directory(null) {
            @Override
            public Optional<Instance> find(String region, String instanceId) {
                throw new InstanceLookupException("could not look up instance tags in AWS (x): AWS did not answer "
                        + "in time", null);
            }
        };
        Outcome.Refused refused = (Outcome.Refused) new InstanceTargets(failing).target(policy, WEB).refusal();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("aws_unavailable");
        assertThat(refused.message()).endsWith("did not answer in time; nothing was requested");
    }

    @Test
    @DisplayName("given a policy that lists its instances, then only those of them AWS lists are requestable")
    void requestableWithinTheList() {
        ElevationPolicy listed = policy(List.of(WEB));
        Instance web = new Instance(WEB, "running", Map.of("AppId", "ABC", "ReleaseId", "1.0", "AppGroupName", "w",
                "Owner", "o"));
        Instance other = new Instance("i-0fedcba9876543210", "running", web.tags());
        Instance incomplete = new Instance("i-0aaaaaaaaaaaaaaa1", "running", Map.of("AppId", "ABC", "ReleaseId", "1.0"));
        InstanceDirectory directory = new Directory(null) {
            @Override
            public List<Instance> list(String region, Map<String, String> tagFilter, int limit) {
                return List.of(web, other, incomplete);
            }
        };
        assertThat(new InstanceTargets(directory).requestable(listed, 10)).containsExactly(web);
        assertThat(new InstanceTargets(directory).requestable(policy, 10)).containsExactly(web, other);
    }

    private List<String> messages(Instance instance) {
        Outcome.Refused refused = (Outcome.Refused) targets(instance).target(policy, WEB).refusal();
        assertThat(refused.status()).isEqualTo(400);
        return refused.violations().stream().map(Violation::message).toList();
    }

    private static InstanceTargets targets(Instance instance) {
        return new InstanceTargets(new Directory(instance));
    }

    private static ElevationPolicy policy(List<String> instances) {
        Map<String, List<String>> config = PolicyConfigTest.valid();
        config.put("instanceIds", instances);
        config.put("instanceTags", List.of(InstanceSource.EC2.value()));
        config.put("discoveredTagKeys", List.of("AppGroupName", "Owner"));
        PolicyConfig.Result result = PolicyConfig.read("p", "Web", config);
        assertThat(result.violations()).isEmpty();
        return result.policy();
    }

    /** A directory that knows one instance (or none). */
    private static class Directory implements InstanceDirectory {

        private final Instance instance;

        Directory(Instance instance) {
            this.instance = instance;
        }

        @Override
        public Optional<Instance> find(String region, String instanceId) {
            return Optional.ofNullable(instance).filter(i -> i.instanceId().equals(instanceId));
        }

        @Override
        public List<Instance> list(String region, Map<String, String> tagFilter, int limit) {
            return instance == null ? List.of() : List.of(instance);
        }
    }
}
