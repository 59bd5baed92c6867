package io.elevate.portal;

import io.elevate.audit.AuditCsv;

import java.util.List;
import java.util.function.Function;

/**
 * The history's CSV download, told as the page tells it: one column a fact (who acted, whose request, which policy,
 * account, role and instance, the reason, the approvals so far, the rule and stage, the detail's other facts as
 * {@code key: value; ...}, the request's page), never a record's stored {@code {key=value}} text, except for a
 * record of a shape the page does not read either ({@code details} then holds it as stored). RFC 4180, with the
 * formula guard of {@link AuditCsv#cell}.
 */
final class HistoryCsv {

    private static final List<Column> COLUMNS = List.of(
            new Column("occurred_at", e -> e.record().occurredAt().toString()),
            new Column("action", AuditView.Entry::getAction),
            new Column("request_id", AuditView.Entry::getWindowId),
            new Column("actor", AuditView.Entry::getActor),
            new Column("actor_username", AuditView.Entry::getActorUsername),
            new Column("requester", e -> "?".equals(e.getRequester()) ? null : e.getRequester()),
            new Column("policy", e -> e.target() == null ? null : e.target().policyName()),
            new Column("account_id", e -> e.target() == null ? null : e.target().accountId()),
            new Column("role_name", e -> e.target() == null ? null : e.target().roleName()),
            new Column("instance_id", e -> e.target() == null ? null : e.target().instanceId()),
            new Column("break_glass", e -> e.isBreakGlass() ? "yes" : "no"),
            new Column("approvals_so_far", AuditView.Entry::getApprovals),
            new Column("reason", AuditView.Entry::getReason),
            new Column("rule", AuditView.Entry::getRule),
            new Column("stage", AuditView.Entry::getStage),
            new Column("details", e -> e.getDetail() != null ? e.getDetail()
                    : e.getFields().isEmpty() ? null : AuditFields.text(e.getFields())),
            new Column("ip_address", AuditView.Entry::getIpAddress),
            new Column("request_url", AuditView.Entry::getRequestUrl));

    private record Column(String name, Function<AuditView.Entry, String> value) {
    }

    private HistoryCsv() {
    }

    static String of(List<AuditView.Entry> entries) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS.stream().map(Column::name).toList()))
                .append("\r\n");
        for (AuditView.Entry e : entries) {
            csv.append(String.join(",", COLUMNS.stream().map(c -> AuditCsv.cell(c.value().apply(e))).toList()))
                    .append("\r\n");
        }
        return csv.toString();
    }
}
