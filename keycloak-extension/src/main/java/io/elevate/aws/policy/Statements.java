package io.elevate.aws.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Building blocks of IAM policy documents. */
public final class Statements {

    public static final String VERSION = "2012-10-17";

    private Statements() {
    }

    public static ObjectNode document(List<ObjectNode> statements) {
        ObjectNode document = Json.object();
        document.put("Version", VERSION);
        document.putArray("Statement").addAll(statements);
        return document;
    }

    public static ObjectNode allow(String sid, List<String> actions) {
        return statement(sid, "Allow", actions);
    }

    public static ObjectNode allow(String sid, List<String> actions, List<String> resources) {
        ObjectNode statement = allow(sid, actions);
        statement.set("Resource", Json.oneOrMany(resources));
        return statement;
    }

    public static ObjectNode statement(String sid, String effect, List<String> actions) {
        ObjectNode statement = Json.object();
        statement.put("Sid", sid);
        statement.put("Effect", effect);
        statement.set("Action", Json.oneOrMany(actions));
        return statement;
    }

    /** The policy variable of a principal tag, e.g. {@code ${aws:PrincipalTag/AppId2}}. */
    public static String principalTagVariable(String key) {
        return "${aws:PrincipalTag/" + key + "}";
    }

    public static String principalTag(String key) {
        return "aws:PrincipalTag/" + key;
    }

    /** The suffix of slot n's keys: none for the first slot, then 2, 3, ... */
    public static String slotSuffix(int slot) {
        return slot == 1 ? "" : Integer.toString(slot);
    }
}
