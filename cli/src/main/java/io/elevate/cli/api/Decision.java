package io.elevate.cli.api;

import io.elevate.cli.CliException;
import io.elevate.cli.Context;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.regex.Pattern;

/** An approver's decision on a request: {@code POST requests/{id}/approve|reject} with an optional comment. */
final class Decision {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private Decision() {
    }

    static JsonNode take(Context context, String id, String step, String comment) {
        if (!ID.matcher(id).matches()) {
            throw CliException.usage("not a request id: '" + id + "' (see `elevate list --waiting`)");
        }
        ObjectNode body = Http.JSON.createObjectNode();
        if (comment != null) {
            body.put("comment", comment);
        }
        return context.api().post("requests/" + id + "/" + step, body);
    }
}
