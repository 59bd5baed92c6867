package io.elevate.portal;

import io.elevate.workflow.ElevationPolicy;

import java.util.List;
import java.util.Map;

/**
 * A target a user may ask for (one elevation policy), as the request forms offer it: one option per instance of the
 * policy's list, or a single tag-scoped option. Getters, because FreeMarker reads bean properties.
 */
public final class TargetView {

    private final ElevationPolicy policy;

    TargetView(ElevationPolicy policy) {
        this.policy = policy;
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

    public List<Option> getOptions() {
        if (policy.instanceIds().isEmpty()) {
            return List.of(new Option(policy.id() + FormInput.TARGET_SEPARATOR, null));
        }
        return policy.instanceIds().stream()
                .map(instance -> new Option(policy.id() + FormInput.TARGET_SEPARATOR + instance, instance)).toList();
    }

    /** One choice of a target select: its value, and the instance it names (null: tag-scoped). */
    public static final class Option {

        private final String value;
        private final String instanceId;

        Option(String value, String instanceId) {
            this.value = value;
            this.instanceId = instanceId;
        }

        public String getValue() { return value; }
        public String getInstanceId() { return instanceId; }
    }
}
