package io.elevate.workflow;

import io.elevate.aws.Violation;
import io.elevate.window.ElevationWindow;

import java.util.List;

/** What a workflow step did: the window after it, or why it was refused (mapped to a 4xx by the API). */
public sealed interface Outcome {

    record Done(ElevationWindow window) implements Outcome {
    }

    /** @param status the HTTP status the refusal maps to: 400, 403, 404, 409, or 503 when AWS could not be asked */
    record Refused(int status, String error, String message, List<Violation> violations) implements Outcome {
    }

    static Outcome invalid(List<Violation> violations) {
        return new Refused(400, "invalid_request", "The request breaks " + violations.size()
                + " rule(s); see violations.", violations);
    }

    static Outcome forbidden(String message) {
        return new Refused(403, "forbidden", message, List.of());
    }

    static Outcome notFound(String message) {
        return new Refused(404, "not_found", message, List.of());
    }

    static Outcome conflict(String message) {
        return new Refused(409, "conflict", message, List.of());
    }

    /** AWS, which the step needed, could not be asked or did not answer; nothing was changed. */
    static Outcome unavailable(String message) {
        return new Refused(503, "aws_unavailable", message, List.of());
    }
}
