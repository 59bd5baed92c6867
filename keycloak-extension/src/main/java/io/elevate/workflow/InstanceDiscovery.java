package io.elevate.workflow;

import io.elevate.aws.instances.InstanceSource;

import java.util.List;

/**
 * How a policy learns the tags of the instance a request names.
 *
 * @param source  where the tags are looked up; {@link InstanceSource#NONE}: not at all, the window carries the policy's
 *                tags
 * @param tagKeys the instance's resource tags whose values become session tags next to the policy's own
 */
public record InstanceDiscovery(InstanceSource source, List<String> tagKeys) {

    public static final InstanceDiscovery NONE = new InstanceDiscovery(InstanceSource.NONE, List.of());

    public InstanceDiscovery {
        tagKeys = List.copyOf(tagKeys);
    }
}
