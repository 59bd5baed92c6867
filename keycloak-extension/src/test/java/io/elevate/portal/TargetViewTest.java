package io.elevate.portal;

import io.elevate.aws.instances.Instance;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.Policies;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A target as the request forms offer it")
class TargetViewTest {

    @Test
    @DisplayName("given a policy that looks up instance tags, then one option per listed instance with name and state")
    void discoveredInstances() {
        TargetView view = new TargetView(policy("ec2", List.of()), List.of(
                new Instance("i-0123456789abcdef0", "running", Map.of("Name", "web-1")),
                new Instance("i-0fedcba9876543210", "stopped", Map.of())), null);

        assertThat(view.isDiscovered()).isTrue();
        assertThat(view.getOptions()).extracting(TargetView.Option::getValue, TargetView.Option::getName,
                TargetView.Option::getState).containsExactly(
                org.assertj.core.groups.Tuple.tuple("p|i-0123456789abcdef0", "web-1", "running"),
                org.assertj.core.groups.Tuple.tuple("p|i-0fedcba9876543210", null, "stopped"));
    }

    @Test
    @DisplayName("given AWS that could not list them, then no option and the reason")
    void lookupFailed() {
        TargetView view = new TargetView(policy("config", List.of()), List.of(), "could not look up instance tags");

        assertThat(view.getOptions()).isEmpty();
        assertThat(view.getLookupProblem()).isEqualTo("could not look up instance tags");
    }

    @Test
    @DisplayName("given a policy without discovery, then its own instances as before")
    void ownList() {
        TargetView view = new TargetView(policy("none", List.of("i-0123456789abcdef0")));

        assertThat(view.isDiscovered()).isFalse();
        assertThat(view.getOptions()).extracting(TargetView.Option::getInstanceId).containsExactly("i-0123456789abcdef0");
    }

    private static ElevationPolicy policy(String instanceTags, List<String> instances) {
        Map<String, List<String>> config = new HashMap<>();
        config.put("accountId", List.of("123456789012"));
        config.put("roleName", List.of("ElevateSessionManager"));
        config.put("samlProvider", List.of("Keycloak"));
        config.put("region", List.of("eu-west-1"));
        config.put("instanceIds", instances);
        config.put("tags", List.of("[{\"key\":\"AppId\",\"value\":\"ABC\"}]"));
        config.put("eligibleGroups", List.of("/operators"));
        config.put("approverGroups", List.of("/approvers"));
        config.put("instanceTags", List.of(instanceTags));
        return Policies.fromConfig("p", "Web", config);
    }
}
