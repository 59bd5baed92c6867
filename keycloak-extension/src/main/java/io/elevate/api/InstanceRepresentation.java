package io.elevate.api;

import io.elevate.aws.instances.Instance;
import io.elevate.workflow.ElevationPolicy;

import java.util.Map;

/**
 * An instance a requester may name: its id, {@code Name} tag and state (null when the policy does not look instances
 * up in AWS), and the session tags a window for it would carry.
 */
public record InstanceRepresentation(String instanceId, String name, String state, Map<String, String> tags) {

    static InstanceRepresentation of(ElevationPolicy policy, Instance instance) {
        Map<String, String> tags = policy.discovers() ? policy.target(instance).tags() : policy.tags();
        return new InstanceRepresentation(instance.instanceId(), instance.name(), instance.state(), tags);
    }
}
