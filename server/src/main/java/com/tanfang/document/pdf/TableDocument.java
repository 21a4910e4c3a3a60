package com.tanfang.document.pdf;

import java.util.List;

/**
 * The simplest document: a heading, a note and one table ({@code document/table.jte}). It is how the pipeline's own
 * guarantees (header repeated on every page, rows never split, CJK glyphs, reproducible bytes) are tested apart
 * from any report, and it prints any list a screen shows as a table.
 */
public record TableDocument(DocumentFrame frame, String heading, String note, List<String> columns,
                            List<List<String>> rows) {
    public TableDocument {
        note = note == null ? "" : note;
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
