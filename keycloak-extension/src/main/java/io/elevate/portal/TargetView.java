package io.elevate.portal;

import io.elevate.aws.instances.Instance;
import io.elevate.workflow.ElevationPolicy;

import java.util.List;
import java.util.Map;

/**
 * A target a user may ask for (one elevation policy), as the request forms offer it: one option per instance of the
 * policy's list, one per instance AWS listed for a policy that looks up instance tags (with its Name tag and state), or
 * a single tag-scoped option. Getters, because FreeMarker reads bean properties.
 */
public final class TargetView {

    private final ElevationPolicy policy;
    private final List<Instance> instances;
    private final String lookupProblem;

    TargetView(ElevationPolicy policy) {
        this(policy, List.of(), null);
    }

    /**
     * @param instances     what AWS listed, for a policy that looks up instance tags
     * @param lookupProblem why AWS could not list them, or null
     */
    TargetView(ElevationPolicy policy, List<Instance> instances, String lookupProblem) {
        this.policy = policy;
        this.instances = instances;
        this.lookupProblem = lookupProblem;
    }

    public String getId() { return policy.id(); }
    public String getName() { return policy.name(); }
    public String getAccountId() { return policy.accountId(); }
    public String getRoleName() { return policy.roleName(); }
    public String getRegion() { return policy.region(); }
    public Map<String, String> getTags() { return policy.tags(); }
    public int getApprovalsRequired() { return policy.approvalsRequired(); }
    public long getMaxMinutes() { return policy.maxDuration().toMinutes(); }
    public long getBreakGlassMaxMinutes() { return policy.breakGlassMaxDuration().toMinutes(); }
    public long getMaxScheduleAheadHours() { return policy.maxScheduleAhead().toHours(); }
    public boolean isJustificationRequired() { return policy.justificationRequired(); }
    public String getTicketPattern() { return policy.ticketPattern() == null ? null : policy.ticketPattern().pattern(); }
    /** Whether the instances offered were listed by AWS (by the policy's tags). */
    public boolean isDiscovered() { return policy.discovers(); }
    /** Why AWS could not list the instances, or null. */
    public String getLookupProblem() { return lookupProblem; }

    public List<Option> getOptions() {
        if (policy.discovers()) {
            return instances.stream().map(i -> new Option(policy.id() + FormInput.TARGET_SEPARATOR + i.instanceId(),
                    i.instanceId(), i.name(), i.state())).toList();
        }
        if (policy.instanceIds().isEmpty()) {
            return List.of(new Option(policy.id() + FormInput.TARGET_SEPARATOR, null, null, null));
        }
        return policy.instanceIds().stream().map(instance -> new Option(policy.id() + FormInput.TARGET_SEPARATOR
                + instance, instance, null, null)).toList();
    }

    /** One choice of a target select: its value, the instance it names (null: tag-scoped), its Name tag and state. */
    public static final class Option {

        private final String value;
        private final String instanceId;
        private final String name;
        private final String state;

        Option(String value, String instanceId, String name, String state) {
            this.value = value;
            this.instanceId = instanceId;
            this.name = name;
            this.state = state;
        }

        public String getValue() { return value; }
        public String getInstanceId() { return instanceId; }
        public String getName() { return name; }
        public String getState() { return state; }
    }
}
