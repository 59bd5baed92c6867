package io.elevate.aws.instances;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the tags of EC2 instances are looked up: EC2 itself, or AWS Config for large estates. */
public interface InstanceDirectory {

    /**
     * The instance with this id in the region, or empty when AWS knows none (or only a terminated one).
     *
     * @throws InstanceLookupException when AWS could not be asked or did not answer
     */
    Optional<Instance> find(String region, String instanceId);

    /**
     * Instances of the region that carry every tag of {@code tagFilter} with that value and are not terminated, at most
     * {@code limit}, ordered by id.
     *
     * @throws InstanceLookupException when AWS could not be asked or did not answer
     */
    List<Instance> list(String region, Map<String, String> tagFilter, int limit);
}
