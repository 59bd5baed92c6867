package io.elevate.aws.instances;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An EC2 instance as AWS describes it: its id, its state ({@code running}, {@code stopped}, ...) and its resource tags.
 *
 * @param tags resource tag key to value, as AWS returned them
 */
public record Instance(String instanceId, String state, Map<String, String> tags) {

    public Instance {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The {@code Name} tag, or null. */
    public String name() {
        return tags.get("Name");
    }

    /** Whether the instance is gone or going: AWS still describes it for a while, but nobody should be sent to it. */
    public boolean terminated() {
        return "terminated".equals(state) || "shutting-down".equals(state);
    }

    /** True when the instance carries every tag of {@code filter} with exactly that value. */
    public boolean matches(Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
    }
}
