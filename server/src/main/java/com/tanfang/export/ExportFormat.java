package com.tanfang.export;

import com.tanfang.message.InvalidException;

import java.util.Locale;

/** The two file types an export is offered in. */
public enum ExportFormat {
    CSV("text/csv;charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code csv} (also when absent) or {@code xlsx}, any case; anything else is a 400 naming the field {@code format}. */
    public static ExportFormat of(String value) {
        if (value == null) {
            return CSV;
        }
        {
            for (ExportFormat f : values()) {
                if (f.extension.equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
        }
        throw InvalidException.field("format", "export.format.invalid");
    }

    /** A sink writing this format to {@code out}. */
    TableSink sink(java.io.OutputStream out, String sheetName) {
        return this == CSV ? new CsvSink(out) : new XlsxSink(out, sheetName);
    }
}
