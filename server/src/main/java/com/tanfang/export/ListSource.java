package com.tanfang.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables assembled in memory by the service that owns them (the evaluation sheet, the findings: bounded by a
 * project's items and findings, a few thousand rows at most), written through the same sinks as the cursor exports.
 */
final class ListSource implements RowSource {
    /** One table: a worksheet in XLSX, a block of rows in CSV. */
    record Table(String name, List<String> headers, List<List<?>> rows) {
    }

    private final List<Table> tables;
    private int table;
    private int row = -1;

    ListSource(List<Table> tables) {
        this.tables = new ArrayList<>(tables);
    }

    @Override
    public boolean write(TableSink sink, int max) throws IOException {
        int written = 0;
        while (table < tables.size()) {
            Table t = tables.get(table);
            if (row < 0) {
                sink.table(t.name(), t.headers());
                row = 0;
            }
            while (row < t.rows().size()) {
                if (written++ >= max) {
                    return true;
                }
                sink.row(t.rows().get(row++));
            }
            table++;
            row = -1;
        }
        return false;
    }

    @Override
    public void close() {
    }
}
