package io.elevate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elevate.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The history's CSV")
class HistoryCsvTest {

    private static final String DETAIL = "{action=APPROVED, status=APPROVED, requester=326fa204-5b1e-4c1e-9d6a-0123456789ab,"
            + " actor=ada, reason=ok, go}";

    @Test
    @DisplayName("then a record is told in columns: names, the target's parts, the reason; never the stored map text")
    void inWords() {
        AuditRecord record = new AuditRecord("a1", Instant.parse("2026-12-05T06:30:00Z"), "APPROVED", "w-1", "u-2",
                "ada", "10.0.0.1", DETAIL);
        AuditView.Entry entry = new AuditView.Entry(record, "Ada Lovelace (ada)", "Grace Hopper (grace)",
                new AuditView.Target("Web servers", "123456789012", "Admin", "i-0abc"), "ok, go", null, List.of(),
                "1/1", false, "https://kc/realms/r/elevation/portal/requests/w-1", null, null);

        String[] lines = HistoryCsv.of(List.of(entry)).split("\r\n");

        assertThat(lines[0]).isEqualTo("occurred_at,action,request_id,actor,actor_username,requester,policy,account_id,"
                + "role_name,instance_id,break_glass,approvals_so_far,reason,rule,stage,details,ip_address,request_url");
        assertThat(lines[1]).isEqualTo("\"2026-12-05T06:30:00Z\",\"APPROVED\",\"w-1\",\"Ada Lovelace (ada)\",\"ada\","
                + "\"Grace Hopper (grace)\",\"Web servers\",\"123456789012\",\"Admin\",\"i-0abc\",\"no\",\"1/1\","
                + "\"ok, go\",,,,\"10.0.0.1\",\"https://kc/realms/r/elevation/portal/requests/w-1\"");
        assertThat(lines[1]).doesNotContain("{").doesNotContain("326fa204");
    }

    @Test
    @DisplayName("then an outbox's facts are key: value pairs, and a formula-like reason is quoted harmless")
    void factsAndFormulas() {
        AuditRecord record = new AuditRecord("a2", Instant.EPOCH, "REVOCATION_FAILED", "w-1", null, "system", null,
                "{role=arn:aws:iam::1:role/R, state=FAILED}");
        AuditView.Entry entry = new AuditView.Entry(record, "system", null, null, "=HYPERLINK(1)", null,
                AuditFields.read(record.detail()).orElseThrow(), null, true, null, null, null);

        String line = HistoryCsv.of(List.of(entry)).split("\r\n")[1];

        assertThat(line).contains("\"role: arn:aws:iam::1:role/R; state: FAILED\"").contains("\"'=HYPERLINK(1)\"")
                .contains("\"yes\"");
    }
}
