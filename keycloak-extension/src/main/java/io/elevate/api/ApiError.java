package io.elevate.admin;

import io.elevate.aws.Violation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The JSON body of every 4xx answer: an OAuth-style code, a sentence, and the broken rules field by field. */
public record ApiError(String error, String error_description, List<Violation> violations) {

    static Response response(Response.Status status, String error, String description, List<Violation> violations) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error, description, violations)).build();
    }

    static Response invalid(List<Violation> violations) {
        return response(Response.Status.BAD_REQUEST, "invalid_request", "The request breaks "
                + violations.size() + " rule(s); see violations.", violations);
    }

    static Response badRequest(String description) {
        return response(Response.Status.BAD_REQUEST, "invalid_request", description, List.of());
    }

    static Response notFound(String description) {
        return response(Response.Status.NOT_FOUND, "not_found", description, List.of());
    }

    static Response conflict(String description) {
        return response(Response.Status.CONFLICT, "conflict", description, List.of());
    }
}
