package io.elevate.api;

import io.elevate.validation.Violation;
import io.elevate.workflow.Outcome;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The JSON body of every 4xx answer: an OAuth-style code, a sentence, and the broken rules field by field. */
public record ApiError(String error, String error_description, List<Violation> violations) {

    public static Response response(Response.Status status, String error, String description, List<Violation> violations) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error, description, violations)).build();
    }

    public static Response invalid(List<Violation> violations) {
        return response(Response.Status.BAD_REQUEST, "invalid_request", "The request breaks "
                + violations.size() + " rule(s); see violations.", violations);
    }

    /** The answer to a refused workflow step. */
    public static Response of(Outcome.Refused refused) {
        Response.ResponseBuilder answer = Response.status(refused.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(refused.error(), refused.message(), refused.violations()));
        if (refused.retryAfter() != null) {
            answer.header("Retry-After", Math.max(1, refused.retryAfter().toSeconds()));
        }
        return answer.build();
    }

    public static Response badRequest(String description) {
        return response(Response.Status.BAD_REQUEST, "invalid_request", description, List.of());
    }

    /** 401 with a {@code WWW-Authenticate: Bearer} challenge. */
    public static Response unauthorized(String description) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .entity(new ApiError("invalid_token", description, List.of())).build();
    }

    public static Response notFound(String description) {
        return response(Response.Status.NOT_FOUND, "not_found", description, List.of());
    }

    public static Response conflict(String description) {
        return response(Response.Status.CONFLICT, "conflict", description, List.of());
    }
}
