package io.elevate.cli.api;

import io.elevate.cli.Terminal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The elevation API's answers as text for people: tables of requests and policies, one request in detail. Every value
 * from the server is printed through {@link Terminal#shown}, so none can send escape sequences to the terminal.
 */
final class Views {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final String NL = System.lineSeparator();

    private final ZoneId zone;

    Views(ZoneId zone) {
        this.zone = zone;
    }

    /** One request, in detail. */
    String request(JsonNode r) {
        StringBuilder text = new StringBuilder();
        text.append("Request ").append(Terminal.shown(r.path("id").asText())).append(": ")
                .append(Terminal.shown(r.path("status").asText()))
                .append(r.path("open").asBoolean() ? " (open now)" : "").append(NL);
        line(text, "requester", r.path("requester").asText(""));
        line(text, "target", target(r));
        line(text, "instance", r.path("instanceId").asText(""));
        line(text, "tags", tags(r.path("tags")));
        line(text, "role chaining", r.path("roleChaining").asBoolean() ? "allowed" : "");
        line(text, "shell user", r.path("runAsUser").asText(""));
        line(text, "from", time(r.path("startsAt").asText("")));
        line(text, "until", time(r.path("endsAt").asText("")));
        line(text, "approvals", r.path("approvals").size() + " of " + r.path("approvalsRequired").asInt());
        if (r.path("stages").asInt(1) > 1 && r.hasNonNull("currentStage")) {
            line(text, "stage", r.path("currentStage").asInt() + " of " + r.path("stages").asInt() + " ("
                    + r.path("currentStageName").asText("") + ")");
        }
        line(text, "approved by rule", r.path("autoApprovedByRule").asText(""));
        line(text, "justification", r.path("justification").asText(""));
        line(text, "ticket", r.path("ticket").asText(""));
        line(text, "decided by", r.path("decidedBy").asText(""));
        line(text, "comment", r.path("decisionComment").asText(""));
        line(text, "revoked by", r.path("revokedBy").asText(""));
        line(text, "console", r.path("sessionManagerUrl").asText(""));
        return text.toString();
    }

    /** What a policy would do with a request (a dry run), and why. */
    String explanation(JsonNode e) {
        StringBuilder text = new StringBuilder();
        text.append("Dry run under ").append(Terminal.shown(e.path("policyName").asText(""))).append(": ")
                .append(Terminal.shown(e.path("outcome").asText())).append(NL);
        line(text, "why", e.path("reason").asText(""));
        line(text, "rule", e.path("rule").asText(""));
        for (JsonNode v : e.path("violations")) {
            line(text, "violation", v.path("field").asText() + " " + v.path("message").asText());
        }
        rules(text, "deny rule", e.path("denyRules"));
        rules(text, "auto rule", e.path("autoApproveRules"));
        for (JsonNode stage : e.path("stages")) {
            line(text, "stage " + stage.path("number").asInt(), stage.path("name").asText() + ": "
                    + stage.path("approvalsRequired").asInt() + " of " + stage.path("approverGroups")
                    + " (" + stage.path("possibleApprovers").asInt() + " could approve)");
        }
        text.append("Nothing was requested.").append(NL);
        return text.toString();
    }

    private static void rules(StringBuilder text, String label, JsonNode rules) {
        for (JsonNode rule : rules) {
            String answer = rule.hasNonNull("error") ? "error: " + rule.path("error").asText()
                    : !rule.hasNonNull("holds") ? "not evaluated" : rule.path("holds").asBoolean() ? "holds"
                    : "does not hold";
            line(text, label, rule.path("name").asText() + ": " + answer);
        }
    }

    /** Requests, one a row; with the requester column for an approver's queue. */
    String requests(JsonNode list, boolean withRequester) {
        if (list.isEmpty()) {
            return (withRequester ? "Nothing waits for you." : "You have no requests.") + NL;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(withRequester ? new String[] {"ID", "STATUS", "REQUESTER", "TARGET", "INSTANCE", "FROM", "UNTIL"}
                : new String[] {"ID", "STATUS", "TARGET", "INSTANCE", "FROM", "UNTIL"});
        for (JsonNode r : list) {
            String status = r.path("status").asText() + (r.path("open").asBoolean() ? "*" : "");
            String target = r.path("policyName").asText(r.path("roleName").asText(""));
            String instance = r.path("instanceId").asText("-");
            String from = time(r.path("startsAt").asText(""));
            String until = time(r.path("endsAt").asText(""));
            rows.add(withRequester
                    ? new String[] {r.path("id").asText(), status, r.path("requester").asText(""), target, instance,
                        from, until}
                    : new String[] {r.path("id").asText(), status, target, instance, from, until});
        }
        return table(rows) + "(* open now)" + NL;
    }

    /** The policies one may ask for. */
    String policies(JsonNode list) {
        if (list.isEmpty()) {
            return "You may not ask for elevation anywhere." + NL;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "ROLE", "REGION", "MAX MIN", "APPROVALS"});
        for (JsonNode p : list) {
            rows.add(new String[] {p.path("id").asText(), p.path("name").asText(),
                "arn:aws:iam::" + p.path("accountId").asText() + ":role/" + p.path("roleName").asText(),
                p.path("region").asText(), p.path("maxDurationMinutes").asText(), p.path("approvalsRequired").asText()});
        }
        return table(rows);
    }

    String time(String iso) {
        if (iso.isEmpty()) {
            return "";
        }
        try {
            return TIME.format(ZonedDateTime.ofInstant(Instant.parse(iso), zone));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String target(JsonNode r) {
        String role = "arn:aws:iam::" + r.path("accountId").asText() + ":role/" + r.path("roleName").asText()
                + " in " + r.path("region").asText();
        String policy = r.path("policyName").asText("");
        return policy.isEmpty() ? role : policy + " (" + role + ")";
    }

    private static String tags(JsonNode tags) {
        List<String> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            pairs.add(tag.getKey() + "=" + tag.getValue().asText());
        }
        return String.join(", ", pairs);
    }

    private static void line(StringBuilder text, String label, String value) {
        if (!value.isEmpty()) {
            // labels of 14 characters or more ("justification:", "role chaining:") still get a space
            text.append("  ").append(String.format("%-14s", label + ":"));
            if (label.length() >= 13) {
                text.append(' ');
            }
            text.append(Terminal.shown(value)).append(NL);
        }
    }

    private static String table(List<String[]> raw) {
        List<String[]> rows = raw.stream().map(row -> java.util.Arrays.stream(row).map(Terminal::shown)
                .toArray(String[]::new)).toList();
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            text.append(line.toString().stripTrailing()).append(NL);
        }
        return text.toString();
    }
}
