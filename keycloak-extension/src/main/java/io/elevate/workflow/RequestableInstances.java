package io.elevate.workflow;

import io.elevate.aws.instances.Instance;
import io.elevate.aws.instances.InstanceTags;

import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;

/**
 * Instance discovery: the instances a request under a policy may name, and the target a request names. When the
 * policy discovers instance tags, AWS is asked (through the session's {@link InstanceTags}); else the policy's own list
 * is the answer.
 */
public final class RequestableInstances {

    private final KeycloakSession session;

    RequestableInstances(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The instances a request under {@code policy} may name, at most {@code limit}: looked up in AWS by the policy's
     * tags when the policy discovers instance tags (then {@link Instance#tags()} are the instance's), else the policy's
     * own list (without state or tags).
     *
     * @throws io.elevate.aws.instances.InstanceLookupException when AWS could not be asked
     */
    public List<Instance> requestable(ElevationPolicy policy, int limit) {
        if (!policy.discovers()) {
            return policy.instanceIds().stream().limit(limit).map(id -> new Instance(id, null, Map.of())).toList();
        }
        return instanceTargets(policy).requestable(policy, limit);
    }

    /**
     * The target a request names: the policy's, or, when the policy discovers instance tags, the instance's as AWS
     * tells them. Asked before anything is written, so an AWS call never holds a row lock.
     */
    InstanceTargets.Result target(ElevationPolicy policy, String instanceId) {
        if (!policy.discovers()) {
            return new InstanceTargets.Result(policy.target(instanceId), null);
        }
        return instanceTargets(policy).target(policy, instanceId);
    }

    private InstanceTargets instanceTargets(ElevationPolicy policy) {
        return new InstanceTargets(session.getProvider(InstanceTags.class).directory(policy.discovery().source()));
    }
}
