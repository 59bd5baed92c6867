package io.elevate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A cell of the audit CSV")
class AuditCsvTest {

    @Nested
    @DisplayName("given a value a spreadsheet could run as a formula")
    class Formulas {

        @ParameterizedTest
        @ValueSource(strings = {"=HYPERLINK(\"https://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\0=1",
                " =cmd|' /C calc'!A0", "\n@SUM(1)", "\u2003+1"})
        @DisplayName("then it starts with a quote, also after leading white space or a NUL")
        void quoted(String value) {
            assertThat(AuditCsv.cell(value)).isEqualTo("\"'" + value.replace("\"", "\"\"") + "\"");
        }
    }

    @Nested
    @DisplayName("given an ordinary value")
    class Ordinary {

        @ParameterizedTest
        @ValueSource(strings = {"Ada Lovelace (ada)", "a=b", "INC-1", "–", " plain", "{role=arn}"})
        @DisplayName("then it is only quoted, as RFC 4180 says")
        void asIs(String value) {
            assertThat(AuditCsv.cell(value)).isEqualTo("\"" + value + "\"");
        }

        @Test
        @DisplayName("then quotes are doubled, null and empty are empty cells")
        void quotesAndEmpty() {
            assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
            assertThat(AuditCsv.cell(null)).isEmpty();
            assertThat(AuditCsv.cell("")).isEqualTo("\"\"");
        }
    }
}
