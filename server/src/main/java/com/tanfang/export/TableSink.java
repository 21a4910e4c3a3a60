package com.tanfang.export;

import java.io.IOException;
import java.util.List;

/**
 * Where an export's rows go, one after another: CSV or XLSX. Cell values: {@code null} (empty), {@link Number}
 * (a number cell), {@link java.time.LocalDateTime} (Beijing time: a date cell in XLSX, {@code yyyy-MM-dd HH:mm:ss}
 * in CSV), {@link java.time.LocalDate}, anything else as text (neutralised, {@link Cells}).
 */
interface TableSink {
    /** A new table (an XLSX worksheet; in CSV a blank line between two tables) with its column headers. */
    void table(String name, List<String> headers) throws IOException;

    void row(List<?> cells) throws IOException;

    /** Pushes the finished rows to the output stream (the caller then hands the bytes to the client). */
    void flush() throws IOException;

    /** Ends the file (the XLSX zip's directory). */
    void finish() throws IOException;
}
