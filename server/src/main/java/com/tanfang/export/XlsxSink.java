package com.tanfang.export;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * XLSX through fastexcel: each row goes into the zip entry of its worksheet as it comes (flush), so memory holds
 * only the rows since the last flush. Text is written as inline strings (no shared-strings table, which would keep
 * every distinct text of the file in memory until the end); numbers as numbers; times as date cells. A worksheet
 * holds at most 1,048,576 rows: a longer table continues on a worksheet "name (2)" with the same headers.
 */
final class XlsxSink implements TableSink {
    private static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final String DATE_FORMAT = "yyyy-mm-dd";

    private final Workbook workbook;
    private final String defaultName;
    private Worksheet sheet;
    private String name;
    private List<String> headers;
    private int part;
    private int nextRow;
    private int tables;

    XlsxSink(OutputStream out, String sheetName) {
        workbook = new Workbook(out, "Tanfang", "1.0");
        // Level 1 deflates text well (~10x) at a fraction of the default level's CPU: the export is CPU-bound.
        workbook.setCompressionLevel(1);
        defaultName = sheetName;
    }

    @Override
    public void table(String tableName, List<String> tableHeaders) throws IOException {
        tables++;
        name = tableName == null ? defaultName : tableName;
        headers = tableHeaders;
        part = 1;
        newSheet(name);
    }

    private void newSheet(String sheetName) throws IOException {
        if (sheet != null) {
            sheet.finish();
        }
        sheet = workbook.newWorksheet(safe(sheetName));
        nextRow = 0;
        for (int c = 0; c < headers.size(); c++) {
            sheet.inlineString(0, c, Cells.text(headers.get(c)));
        }
        if (!headers.isEmpty()) {
            sheet.range(0, 0, 0, headers.size() - 1).style().bold().set();
        }
        sheet.freezePane(0, 1);
        nextRow = 1;
    }

    /** Worksheet names: at most 31 characters, none of : \ / ? * [ ]. */
    private static String safe(String s) {
        String n = s.replaceAll("[:\\\\/?*\\[\\]]", " ").strip();
        return n.length() > 31 ? n.substring(0, 31) : n.isEmpty() ? "Sheet" : n;
    }

    @Override
    public void row(List<?> cells) throws IOException {
        if (sheet == null) {
            table(defaultName, List.of());
        }
        if (nextRow >= Worksheet.MAX_ROWS) {
            part++;
            newSheet(name + " (" + part + ")");
        }
        int r = nextRow++;
        for (int c = 0; c < cells.size(); c++) {
            Object v = cells.get(c);
            if (v == null) {
                continue;
            }
            if (v instanceof Number n) {
                sheet.value(r, c, n);
            } else if (v instanceof LocalDateTime t) {
                sheet.value(r, c, t);
                sheet.style(r, c).format(TIME_FORMAT).set();
            } else if (v instanceof LocalDate d) {
                sheet.value(r, c, d);
                sheet.style(r, c).format(DATE_FORMAT).set();
            } else if (v instanceof Boolean b) {
                sheet.value(r, c, b);
            } else {
                sheet.inlineString(r, c, Cells.text(String.valueOf(v)));
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (sheet != null) {
            sheet.flush();
        }
    }

    @Override
    public void finish() throws IOException {
        if (sheet == null) {
            table(defaultName, List.of());
        }
        sheet.finish();
        workbook.finish();
    }

    int tables() {
        return tables;
    }
}
