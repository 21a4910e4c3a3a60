package com.tanfang.document;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV downloads: formulas neutralised, control characters in front neutralised, CR and LF always quoted (issue 9). */
class CsvExportTest {
    @Test
    void formulasAndLeadingControlCharactersGetAnApostropheAndNumbersStayNumbers() {
        assertEquals("'=HYPERLINK(\"x\")", CsvExport.neutralised("=HYPERLINK(\"x\")"));
        assertEquals("'+1", CsvExport.neutralised("+1"));
        assertEquals("'-1", CsvExport.neutralised("-1"));
        assertEquals("'@SUM(A1)", CsvExport.neutralised("@SUM(A1)"));
        assertEquals("'\t=1+1", CsvExport.neutralised("\t=1+1"));
        assertEquals("'\r=1+1", CsvExport.neutralised("\r=1+1"));
        assertEquals("-3", CsvExport.neutralised(-3));
        assertEquals("-0.50", CsvExport.neutralised(new BigDecimal("-0.50")));
        assertEquals("1E+3", CsvExport.neutralised("1E+3"), "text not starting with a formula sign stays");
        assertEquals("", CsvExport.neutralised(null));
    }

    @Test
    void crAndLfInsideACellAreAlwaysQuotedAndTheFileReadsBack() throws Exception {
        String text = new CsvExport().row("a\rb", "c\nd", "e,f", "g\"h", "楼栋 1", 7).blankLine().row("x").text();
        assertTrue(text.startsWith("\uFEFF\"a\rb\",\"c\nd\",\"e,f\",\"g\"\"h\",楼栋 1,7\n"), text);
        assertTrue(text.endsWith("\n\nx\n"), text);
        List<CSVRecord> back = CSVFormat.DEFAULT.parse(new StringReader(text.substring(1))).getRecords();
        assertEquals(List.of("a\rb", "c\nd", "e,f", "g\"h", "楼栋 1", "7"), back.get(0).toList());
        assertEquals(List.of("x"), back.get(1).toList(), "the blank line separates tables");
    }
}
