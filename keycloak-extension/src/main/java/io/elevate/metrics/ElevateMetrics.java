package io.elevate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Elevate's counters and the gate timer, on Micrometer's global registry: the registry Keycloak's Quarkus build
 * serves on the management port's {@code /metrics} when started with {@code --metrics-enabled=true} (Keycloak's own
 * user-event metrics use it too). Without that option the global registry has no backing registry and every call
 * here is a no-op, so the gate never pays for metrics nobody reads.
 *
 * <p>Labels are bounded on purpose: client ids of gated clients, a fixed set of reasons and transitions; never a user,
 * a window id or a free text, which would make one time series per sign-in. Meter names and their meaning are listed
 * in {@code docs/metrics.md}.
 */
public final class ElevateMetrics {

    static final String SIGNINS = "elevate.signins";
    static final String GATE = "elevate.gate";
    static final String REQUESTS = "elevate.requests";
    static final String TIMER_RUNS = "elevate.timer.runs";
    static final String TIMER_FAILURES = "elevate.timer.failures";

    /** The timers' steps, each item of which runs in a transaction of its own and may fail alone. */
    public static final List<String> TIMER_STEPS = List.of("realms", "expiry", "end_notice", "audit_retention",
            "revocation", "os_credential", "notice", "notice_retention");

    /** The reason label of a granted sign-in: the gate found an open, approved window. */
    public static final String GRANTED_REASON = "open_window";

    /**
     * The transitions Elevate audits, exported at 0 from the start: Prometheus' {@code increase()} cannot see the
     * first increment of a series that did not exist, and "break_glass > 0" is exactly that first increment.
     */
    static final List<String> TRANSITIONS = List.of("requested", "approval_added", "approved", "rejected",
            "break_glass", "cancelled", "revoked", "expired", "extension_requested", "extended", "extension_rejected",
            "reviewed", "granted");

    private static final MeterRegistry REGISTRY = Metrics.globalRegistry;

    private ElevateMetrics() {
    }

    /** Registers the transition counters at 0 (server start); registering again returns the same counters. */
    public static void registerTransitions() {
        TRANSITIONS.forEach(ElevateMetrics::transitionCounter);
    }

    /** Registers the timer counters at 0 (server start). */
    public static void registerTimers() {
        timerRuns();
        TIMER_STEPS.forEach(ElevateMetrics::timerFailures);
    }

    /** Counts a finished run of Elevate's timers on this node (whatever its items did). */
    public static void timerRun() {
        timerRuns().increment();
    }

    /** Counts an item of a timer step that failed (rolled back alone, tried again at the next run). */
    public static void timerItemFailed(String step) {
        timerFailures(step).increment();
    }

    private static Counter timerRuns() {
        return Counter.builder(TIMER_RUNS)
                .description("Finished runs of Elevate's timers on this node")
                .register(REGISTRY);
    }

    private static Counter timerFailures(String step) {
        return Counter.builder(TIMER_FAILURES)
                .description("Items of Elevate's timers that failed and were left for the next run, by step")
                .tag("step", step)
                .register(REGISTRY);
    }

    /** Counts a sign-in the gate let through. */
    public static void signInGranted(String client) {
        signIn(client, "granted", GRANTED_REASON);
    }

    /** Counts a sign-in the gate refused, with the reason it records on the LOGIN_ERROR event. */
    public static void signInDenied(String client, String reason) {
        signIn(client, "denied", reason);
    }

    /** Starts timing one gate decision; hand the result to {@link #gateDecided}. */
    public static Timer.Sample gateStarted() {
        return Timer.start(REGISTRY);
    }

    /** Stops timing a gate decision, whatever it was (grant, picker, denial). */
    public static void gateDecided(Timer.Sample sample) {
        sample.stop(Timer.builder(GATE)
                .description("Time the AWS sign-in gate takes to decide (window lookup, rules, page)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(REGISTRY));
    }

    /**
     * Counts a workflow transition once the session's transaction has committed, so a change that rolls back (a lost
     * race, a failed insert) is never counted.
     *
     * @param action the audit action, e.g. {@code REQUESTED} or {@code BREAK_GLASS}; exported in lower case
     */
    public static void transitionAfterCommit(KeycloakSession session, String action) {
        String transition = action.toLowerCase(Locale.ROOT);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                transitionCounter(transition).increment();
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private static Counter transitionCounter(String transition) {
        return Counter.builder(REQUESTS)
                .description("Elevation workflow transitions, by transition")
                .tag("transition", transition)
                .register(REGISTRY);
    }

    private static void signIn(String client, String outcome, String reason) {
        Counter.builder(SIGNINS)
                .description("Sign-ins through the Elevate gate, by client, outcome and reason")
                .tag("client", client == null ? "unknown" : client)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(REGISTRY)
                .increment();
    }
}
