package com.tanfang.export;

import com.tanfang.document.CsvExport;

/**
 * Formula injection (OWASP "CSV injection"): a text cell starting with {@code = + - @}, TAB or CR gets a leading
 * apostrophe, in CSV and in XLSX alike (an XLSX text cell is not evaluated, but a user who saves it as CSV or copies
 * it into another sheet would carry the formula along). Numbers are never text, so -3 stays the number -3.
 * The rule is {@link CsvExport#neutralised}'s: one text of it.
 */
final class Cells {
    private Cells() {
    }

    static String text(String s) {
        return CsvExport.neutralised(s);
    }
}
