package com.tanfang.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** CSV through commons-csv: UTF-8 with a BOM (Excel on Chinese Windows reads it as UTF-8), LF, minimal quoting. */
final class CsvSink implements TableSink {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final BufferedWriter writer;
    private final CSVPrinter printer;
    private boolean first = true;

    CsvSink(OutputStream out) {
        writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 32 * 1024);
        try {
            writer.write('\uFEFF');
            printer = new CSVPrinter(writer, FORMAT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void table(String name, List<String> headers) throws IOException {
        if (!first) {
            printer.println();
        }
        first = false;
        row(headers);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        List<String> values = new ArrayList<>(cells.size());
        for (Object c : cells) {
            values.add(text(c));
        }
        printer.printRecord(values);
    }

    static String text(Object c) {
        if (c == null) {
            return "";
        }
        if (c instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (c instanceof Number) {
            return String.valueOf(c);
        }
        if (c instanceof LocalDateTime t) {
            return TIME.format(t);
        }
        if (c instanceof LocalDate d) {
            return d.toString();
        }
        return Cells.text(String.valueOf(c));
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
        writer.flush();
    }
}
