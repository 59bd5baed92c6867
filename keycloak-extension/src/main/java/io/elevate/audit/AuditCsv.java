package io.elevate.audit;

import java.util.List;

/**
 * Audit records as RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. The REST
 * API's export and the portal's download share it.
 */
public final class AuditCsv {

    private static final String HEADER = "occurred_at,action,window_id,actor,ip_address,detail\r\n";

    private AuditCsv() {
    }

    public static String of(List<AuditRecord> records) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (AuditRecord r : records) {
            csv.append(cell(r.occurredAt().toString())).append(',')
                    .append(cell(r.action())).append(',')
                    .append(cell(r.windowId())).append(',')
                    .append(cell(r.actorName())).append(',')
                    .append(cell(r.ipAddress())).append(',')
                    .append(cell(r.detail())).append("\r\n");
        }
        return csv.toString();
    }

    /** One quoted cell; null is an empty one. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
