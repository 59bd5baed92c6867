package io.elevate.aws.instances;

import io.elevate.aws.AwsNames;
import io.elevate.aws.SessionTagRules;

import java.util.List;
import java.util.Map;

/** Checks what goes into a query to AWS: an instance id, tag keys and values that AWS's own rules allow. */
final class Queries {

    private Queries() {
    }

    static void checkInstanceId(String instanceId) {
        AwsNames.checkInstanceId(instanceId).ifPresent(problem -> {
            throw new IllegalArgumentException("instance id " + instanceId + " " + problem);
        });
    }

    static void checkFilter(Map<String, String> tagFilter) {
        List<String> problems = SessionTagRules.check(tagFilter);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("tag filter " + tagFilter + ": " + String.join("; ", problems));
        }
    }

    /** A string literal of AWS Config's query language: single quotes, a quote inside doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
