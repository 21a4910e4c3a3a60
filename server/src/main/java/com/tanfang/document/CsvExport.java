package com.tanfang.document;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV download (commons-csv): UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese correctly;
 * rows end in LF; a cell is quoted when it holds a comma, a quote, CR or LF. Text that a spreadsheet would run as
 * a formula or that hides a control character in front (a cell starting with = + - @ TAB or CR) gets a leading
 * apostrophe (OWASP "CSV injection"); numbers are written as they are, so -3 stays a number.
 */
public final class CsvExport {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final StringBuilder out = new StringBuilder("\uFEFF");
    private final CSVPrinter printer;

    public CsvExport() {
        try {
            printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record; null is an empty cell. */
    public CsvExport row(Object... cells) {
        List<String> values = new ArrayList<>(cells.length);
        for (Object c : cells) {
            values.add(neutralised(c));
        }
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return this;
    }

    /** An empty line between two tables of one file. */
    public CsvExport blankLine() {
        try {
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String text() {
        return out.toString();
    }

    /** The cell's text before quoting: plain numbers, formulas in text neutralised. */
    public static String neutralised(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value instanceof BigDecimal b ? b.toPlainString() : String.valueOf(value);
        }
        String s = String.valueOf(value);
        return !s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
