package com.tanfang.scheme;

import com.tanfang.message.FieldProblem;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an XLSX workbook's item sheet and rules sheet into rows for {@link ItemTableCsv#parse(List, String)} and
 * {@link SchemeRulesTable}, with Apache POI's streaming (SAX) reader: memory stays bounded by the rows kept
 * ({@link ItemTableCsv#MAX_ROWS}), not by what a sheet claims. The item sheet is the one named {@code items} /
 * {@code 条款} / {@code 条款表}, else the first sheet; the rules sheet is the one named {@code scheme} /
 * {@code rules} / {@code 规则} / {@code 方案} (optional). Other sheets (notes) are not read.
 * <p>
 * Cells: text as written; numbers in their shortest decimal form as Excel shows them (15 significant digits:
 * 0.1 stays 0.1, never {@code new BigDecimal(0.1)}), whatever the number format (a cell formatted "0.00" gives
 * 12.5, not 12.50); formulas give their cached value; booleans TRUE / FALSE. A date cell or an error cell
 * (#DIV/0!) is a problem naming sheet, row and column ({@code items!7: points}) when read. POI's zip-bomb
 * protection ({@link ZipSecureFile}: inflate ratio at least 1 %) stays on, and each part of the file may inflate
 * to at most {@link #MAX_ENTRY_BYTES}; a file POI cannot read is one problem on {@code file}, never a 500.
 */
public final class ItemTableXlsx {
    /** The largest XLSX accepted (bytes, as uploaded). */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** The largest a single part of the zip (a sheet, the shared strings) may inflate to. */
    static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;

    static final Set<String> ITEM_SHEETS = Set.of("items", "条款", "条款表");
    static final Set<String> RULE_SHEETS = Set.of("scheme", "rules", "规则", "方案");

    private static final String DATE = "\u0000date";
    private static final String ERROR = "ERROR:"; // what POI's sheet handler writes before an error cell's text

    static {
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    /** The item sheet's rows (header first) and the rules sheet's rows (null without a rules sheet). */
    public record Workbook(String itemSheet, List<ItemTableCsv.Row> items, String rulesSheet,
                           List<ItemTableCsv.Row> rules, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private ItemTableXlsx() {}

    /** True when the bytes start like a zip archive (XLSX is one). */
    public static boolean looksLikeXlsx(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /** True when the bytes start like an old binary Excel file (.xls), which is refused with its own message. */
    public static boolean looksLikeXls(byte[] bytes) {
        return bytes.length >= 8 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF && (bytes[2] & 0xFF) == 0x11
                && (bytes[3] & 0xFF) == 0xE0;
    }

    public static Workbook read(byte[] bytes, String field) {
        if (bytes.length > MAX_BYTES) {
            return failed(field, "xlsx.too_large", MAX_BYTES / (1024 * 1024));
        }
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            String itemName = null;
            List<ItemTableCsv.Row> items = null;
            String rulesName = null;
            List<ItemTableCsv.Row> rules = null;
            String firstName = null;
            List<ItemTableCsv.Row> first = null;
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    String key = name.trim().toLowerCase(Locale.ROOT);
                    boolean isItems = ITEM_SHEETS.contains(key) && items == null;
                    boolean isRules = RULE_SHEETS.contains(key) && rules == null;
                    if (!isItems && !isRules && first != null) {
                        continue;
                    }
                    List<ItemTableCsv.Row> rows = rows(sheet, name, strings, styles);
                    if (isItems) {
                        itemName = name;
                        items = rows;
                    } else if (isRules) {
                        rulesName = name;
                        rules = rows;
                    } else {
                        firstName = name;
                        first = rows;
                    }
                }
            }
            if (items == null) {
                itemName = firstName;
                items = first;
            }
            if (items == null) {
                return failed(field, "xlsx.no_item_sheet");
            }
            return new Workbook(itemName, items, rulesName, rules, List.of());
        } catch (TooManyRows e) {
            return failed(e.sheet + "!" + 1, "table.too_many_rows", ItemTableCsv.MAX_ROWS);
        } catch (Exception | StackOverflowError e) {
            // not a zip, not an OOXML workbook, a zip bomb ("Zip bomb detected"), a broken sheet: all the same to
            // the person uploading it (the detail goes to nobody: it is their file, not our fault)
            return failed(field, "xlsx.unreadable");
        }
    }

    private static Workbook failed(String field, String code, Object... args) {
        return new Workbook(null, List.of(), null, null, List.of(FieldProblem.of(field, code, args)));
    }

    private static List<ItemTableCsv.Row> rows(InputStream sheet, String name, ReadOnlySharedStringsTable strings,
                                               StylesTable styles) throws Exception {
        Collector collector = new Collector(name);
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        XMLReader xml = factory.newSAXParser().getXMLReader();
        xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector, new RawNumbers(), false));
        xml.parse(new InputSource(sheet));
        // a sheet leaves out empty trailing cells: pad each row to the header's width
        List<ItemTableCsv.Row> rows = collector.rows;
        int width = rows.isEmpty() ? 0 : rows.get(0).fields().size();
        return rows.stream().map(r -> {
            if (r.fields().size() >= width) {
                return r;
            }
            List<String> padded = new ArrayList<>(r.fields());
            while (padded.size() < width) {
                padded.add("");
            }
            return new ItemTableCsv.Row(r.place(), padded, r.bad());
        }).toList();
    }

    /** Numbers as their shortest decimal (as Excel shows them), dates marked: never the cell's number format. */
    private static final class RawNumbers extends DataFormatter {
        RawNumbers() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DATE;
            }
            return number(value);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, false);
        }
    }

    /** The decimal a double cell shows in Excel (15 significant digits), without trailing zeros or exponent. */
    static String number(double value) {
        BigDecimal d = new BigDecimal(NumberToTextConverter.toText(value)).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    private static final class TooManyRows extends RuntimeException {
        final String sheet;

        TooManyRows(String sheet) {
            super(null, null, false, false);
            this.sheet = sheet;
        }
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        final String sheet;
        final List<ItemTableCsv.Row> rows = new ArrayList<>();
        List<String> cells;
        Map<Integer, String> bad;
        int row;

        Collector(String sheet) {
            this.sheet = sheet;
        }

        @Override
        public void startRow(int rowNum) {
            if (rows.size() > ItemTableCsv.MAX_ROWS) {
                throw new TooManyRows(sheet);
            }
            row = rowNum;
            cells = new ArrayList<>();
            bad = new HashMap<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(new ItemTableCsv.Row(sheet + "!" + (row + 1), cells, bad));
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int column = ref == null ? cells.size() : new CellReference(ref).getCol();
            if (column > ItemTableCsv.MAX_COLUMNS) {
                return; // the header check reports a table this wide; cells beyond it are never looked at
            }
            while (cells.size() < column) {
                cells.add("");
            }
            String v = value == null ? "" : value;
            if (v.equals(DATE)) {
                bad.put(column, "xlsx.date_cell");
                v = "";
            } else if (v.startsWith(ERROR)) {
                bad.put(column, "xlsx.error_cell");
                v = "";
            } else if (v.length() > ItemTableCsv.MAX_CELL_CHARS + 1) {
                v = v.substring(0, ItemTableCsv.MAX_CELL_CHARS + 1); // still too long: reported, and not kept whole
            }
            cells.add(v);
        }
    }
}
