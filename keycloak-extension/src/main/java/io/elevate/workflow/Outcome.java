package io.elevate.workflow;

import io.elevate.validation.Violation;
import io.elevate.window.ElevationWindow;

import java.time.Duration;
import java.util.List;

/** What a workflow step did: the window after it, or why it was refused (mapped to a 4xx or 503 by the API). */
public sealed interface Outcome {

    record Done(ElevationWindow window) implements Outcome {
    }

    /**
     * @param status     the HTTP status the refusal maps to: 400, 403, 404, 409, 429, or 503 when AWS or the
     *                   database could not be asked
     * @param retryAfter for a 429, how long until asking again can succeed; null otherwise
     */
    record Refused(int status, String error, String message, List<Violation> violations, Duration retryAfter)
            implements Outcome {

        Refused(int status, String error, String message, List<Violation> violations) {
            this(status, error, message, violations, null);
        }
    }

    static Outcome invalid(List<Violation> violations) {
        return new Refused(400, "invalid_request", "The request breaks " + violations.size()
                + " rule(s); see violations.", violations);
    }

    static Outcome forbidden(String message) {
        return new Refused(403, "forbidden", message, List.of());
    }

    /** A deny rule of the policy holds for the request (or failed to evaluate, which denies). */
    static Outcome deniedByRule(String rule, String message) {
        return new Refused(403, "denied_by_rule", message, List.of(Violation.of("rule", rule)));
    }

    static Outcome notFound(String message) {
        return new Refused(404, "not_found", message, List.of());
    }

    static Outcome conflict(String message) {
        return new Refused(409, "conflict", message, List.of());
    }

    /** A limit of the policy is reached; asking again after {@code retryAfter} can succeed. */
    static Outcome tooMany(String message, Duration retryAfter) {
        return new Refused(429, "too_many_requests", message, List.of(), retryAfter);
    }

    /** AWS, which the step needed, could not be asked or did not answer; nothing was changed. */
    static Outcome unavailable(String message) {
        return new Refused(503, "aws_unavailable", message, List.of());
    }

    /** The database failed during the step (not a lost race); nothing was changed. */
    static Outcome storeUnavailable() {
        return new Refused(503, "store_unavailable", "Elevate's database did not answer; nothing was changed. "
                + "Try again shortly.", List.of());
    }
}
