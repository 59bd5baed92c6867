package io.elevate.workflow;

import io.elevate.aws.SessionTagRules;
import io.elevate.aws.instances.Instance;
import io.elevate.aws.instances.InstanceDirectory;
import io.elevate.aws.instances.InstanceLookupException;
import io.elevate.validation.Violation;
import io.elevate.window.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target of a request under a policy that looks up instance tags: the named instance must exist, carry each of the
 * policy's tags with that value (the policy's eligibility filter) and each discovered key with a value AWS accepts as
 * a session tag. The window then stores the tags, so signing in never calls AWS. Nothing is guessed: an instance AWS
 * does not know is refused (400), an AWS that cannot be asked refuses the request (503).
 */
final class InstanceTargets {

    private final InstanceDirectory directory;

    InstanceTargets(InstanceDirectory directory) {
        this.directory = directory;
    }

    /** The target, or why there is none. */
    record Result(Target target, Outcome refusal) {
    }

    Result target(ElevationPolicy policy, String instanceId) {
        Optional<Instance> found;
        try {
            found = directory.find(policy.region(), instanceId);
        } catch (InstanceLookupException e) {
            return new Result(null, Outcome.unavailable(e.getMessage() + "; nothing was requested"));
        }
        if (found.isEmpty()) {
            return new Result(null, Outcome.invalid(List.of(Violation.of("instanceId", "no instance " + instanceId
                    + " in region " + policy.region()))));
        }
        List<Violation> problems = problems(policy, found.get());
        return problems.isEmpty() ? new Result(policy.target(found.get()), null)
                : new Result(null, Outcome.invalid(problems));
    }

    /** The instances of the policy's region a request may name, at most {@code limit}. */
    List<Instance> requestable(ElevationPolicy policy, int limit) {
        return directory.list(policy.region(), policy.tags(), limit).stream()
                .filter(i -> policy.instanceIds().isEmpty() || policy.instanceIds().contains(i.instanceId()))
                .filter(i -> problems(policy, i).isEmpty()).toList();
    }

    /** Why the instance is not a target of the policy; empty when it is. */
    static List<Violation> problems(ElevationPolicy policy, Instance instance) {
        List<Violation> problems = new ArrayList<>();
        String which = "instance " + instance.instanceId() + " is not within policy " + policy.name() + ": ";
        for (Map.Entry<String, String> wanted : policy.tags().entrySet()) {
            String actual = instance.tags().get(wanted.getKey());
            if (actual == null) {
                problems.add(Violation.of("instanceId", which + "it has no tag " + wanted.getKey() + " (needs "
                        + wanted.getValue() + ")"));
            } else if (!actual.equals(wanted.getValue())) {
                problems.add(Violation.of("instanceId", which + "tag " + wanted.getKey() + " is " + actual + ", not "
                        + wanted.getValue()));
            }
        }
        for (String key : policy.discovery().tagKeys()) {
            String value = instance.tags().get(key);
            if (value == null) {
                problems.add(Violation.of("instanceId", "instance " + instance.instanceId() + " has no tag " + key
                        + ", which policy " + policy.name() + " takes into the session"));
            } else {
                SessionTagRules.check(Map.of(key, value)).forEach(p -> problems.add(Violation.of("instanceId",
                        "instance " + instance.instanceId() + ": " + p)));
            }
        }
        return problems;
    }
}
