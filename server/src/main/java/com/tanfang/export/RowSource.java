package com.tanfang.export;

import java.io.IOException;

/** Rows to export, pulled a batch at a time by {@link ExportBody} as the client reads. */
interface RowSource extends AutoCloseable {
    /** Writes up to {@code max} rows (and the table headers when a table starts); false once everything is written. */
    boolean write(TableSink sink, int max) throws IOException;

    /** Releases what the source holds (the cursor's connection); called once the body ends, fails or is dropped. */
    @Override
    void close();
}
