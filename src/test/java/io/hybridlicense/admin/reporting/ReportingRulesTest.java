package io.hybridlicense.admin.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.shared.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plain rules behind the reports: prefix ranges, cursors and CSV cells. */
class ReportingRulesTest {

    @Test
    void upperBound_isTheLeastStringAboveEveryStringWithThePrefix() {
        assertThat(Reports.upperBound("ab")).contains("ac");
        assertThat(Reports.upperBound("")).isEmpty();
        assertThat(Reports.upperBound("a\uD7FF")).contains("a\uE000");
        assertThat(Reports.upperBound("a" + new String(Character.toChars(Character.MAX_CODE_POINT)))).contains("b");
        assertThat(Reports.upperBound(new String(Character.toChars(Character.MAX_CODE_POINT)))).isEqualTo(Optional.empty());
    }

    @Test
    void aCursor_isReadBackOnlyWithItsOwnFilter() {
        List<String> filter = Arrays.asList("audit-log", "u", null);
        String cursor = Cursors.encode(filter, "2026-01-01T00:00:00Z", "id");
        assertThat(Cursors.decode(cursor, filter, 2)).containsExactly("2026-01-01T00:00:00Z", "id");
        assertThatThrownBy(() -> Cursors.decode(cursor, Arrays.asList("audit-log", "u", ""), 2))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursors.decode(cursor, Arrays.asList("audit-log", "", "u"), 2))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursors.decode(cursor, filter, 1)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursors.decode("%%", filter, 2)).isInstanceOf(ProblemException.class);
    }

    @Test
    void csvCells_areQuoted_andNeverStartAFormula() {
        assertThat(CsvCells.row("plain", null, "a,b", "say \"hi\"", "line\nbreak"))
                .isEqualTo("plain,,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\"\r\n");
        assertThat(CsvCells.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvCells.cell("+1")).isEqualTo("'+1");
        assertThat(CsvCells.cell("-1")).isEqualTo("'-1");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCells.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvCells.cell("a=1")).isEqualTo("a=1");
    }
}
