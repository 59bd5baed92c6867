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
        String safe = formulaLike(value) ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /**
     * Whether a spreadsheet could run the value as a formula: it starts with {@code = + - @}, a tab, a carriage return
     * or a NUL, or with {@code = + - @} after leading white space (which an import that trims spaces removes).
     */
    static boolean formulaLike(String value) {
        if (value.isEmpty()) {
            return false;
        }
        if ("=+-@\t\r\0".indexOf(value.charAt(0)) >= 0) {
            return true;
        }
        String trimmed = value.stripLeading();
        return !trimmed.isEmpty() && "=+-@".indexOf(trimmed.charAt(0)) >= 0;
    }
}
