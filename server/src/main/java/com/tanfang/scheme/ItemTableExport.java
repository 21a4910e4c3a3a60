package com.tanfang.scheme;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scheme document as its item table and rules table (what {@link ItemTableCsv} and {@link SchemeRulesTable}
 * read back into an equal scheme): a certification body starts from a built-in in Excel. CSV: the item table
 * and the rules table as two texts (UTF-8 with BOM, so Excel opens the Chinese texts right); XLSX: sheets
 * {@code items} and {@code scheme}. Every optional column is written, so the header shows what a table can say.
 */
public final class ItemTableExport {
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(ItemTableCsv.REQUIRED_COLUMNS);
        c.addAll(ItemTableCsv.OPTIONAL_COLUMNS);
        COLUMNS = List.copyOf(c);
    }

    /** Columns whose cells are numbers (written as numbers in XLSX when Excel can hold them exactly). */
    private static final Set<String> NUMBER_COLUMNS = Set.of("part_points", "group_points", "points", "numeric_worst",
            "numeric_best", "part_pass_minimum", "part_pass_minimum_points");

    private ItemTableExport() {}

    public static List<List<String>> itemRows(SchemeDocument d) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (SchemeDocument.Part p : d.parts()) {
            for (SchemeDocument.Group g : p.groups()) {
                for (SchemeDocument.Item i : g.items()) {
                    List<String> row = new ArrayList<>();
                    for (String column : COLUMNS) {
                        row.add(switch (column) {
                            case "part" -> p.key();
                            case "part_points" -> plain(p.points());
                            case "part_zh" -> p.titleZh();
                            case "part_en" -> p.titleEn();
                            case "part_pass_minimum" -> plain(p.passMinimum());
                            case "part_pass_minimum_points" -> plain(p.passMinimumPoints());
                            case "part_gated_by" -> p.gatedBy();
                            case "group_clause" -> g.clause();
                            case "group_zh" -> g.titleZh();
                            case "group_en" -> g.titleEn();
                            case "group_points" -> plain(g.points());
                            case "clause" -> i.clause();
                            case "code" -> i.code();
                            case "points" -> plain(i.points());
                            case "item_zh" -> i.textZh();
                            case "item_en" -> i.textEn();
                            case "methods" -> i.methods() == null ? null : String.join("|", i.methods());
                            case "answerType" -> i.answerType();
                            case "notApplicableAllowed" -> i.notApplicableAllowed() == null ? null : i.notApplicableAllowed().toString();
                            case "numeric_worst" -> i.numeric() == null ? null : plain(i.numeric().worst());
                            case "numeric_best" -> i.numeric() == null ? null : plain(i.numeric().best());
                            case "veto" -> i.veto() == null ? null : Boolean.TRUE.equals(i.veto().answer()) ? "yes" : "no";
                            case "veto_reason_zh" -> i.veto() == null ? null : i.veto().reasonZh();
                            case "veto_reason_en" -> i.veto() == null ? null : i.veto().reasonEn();
                            case "bonus" -> null;
                            default -> throw new IllegalStateException(column);
                        });
                    }
                    rows.add(row);
                }
            }
        }
        if (d.bonusItems() != null && d.bonusItems().items() != null) {
            for (SchemeDocument.BonusItem b : d.bonusItems().items()) {
                List<String> row = new ArrayList<>();
                for (String column : COLUMNS) {
                    row.add(switch (column) {
                        case "clause" -> b.clause();
                        case "code" -> b.code();
                        case "points" -> plain(b.points());
                        case "item_zh" -> b.textZh();
                        case "item_en" -> b.textEn();
                        case "bonus" -> "true";
                        default -> null;
                    });
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The item table as CSV text (starting with a BOM: Excel then reads it as UTF-8). */
    public static String itemsCsv(SchemeDocument d) {
        return csv(itemRows(d));
    }

    /** The rules table as CSV text (starting with a BOM). */
    public static String rulesCsv(SchemeDocument d) {
        return csv(SchemeRulesTable.rows(d));
    }

    private static String csv(List<List<String>> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(v -> v == null ? "" : v).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Both tables as one workbook: sheets {@code items} and {@code scheme}. */
    public static byte[] xlsx(SchemeDocument d) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            write(book.createSheet("items"), itemRows(d), true, text);
            write(book.createSheet("scheme"), SchemeRulesTable.rows(d), false, text);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Sheet sheet, List<List<String>> rows, boolean items, CellStyle text) {
        List<String> header = rows.get(0);
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r);
            List<String> values = rows.get(r);
            for (int c = 0; c < values.size(); c++) {
                String v = values.get(c);
                if (v == null || v.isEmpty()) {
                    continue;
                }
                Cell cell = row.createCell(c);
                boolean numberColumn = items ? r > 0 && NUMBER_COLUMNS.contains(header.get(c)) : c > 0 && isNumber(v);
                if (numberColumn && exactInExcel(v)) {
                    cell.setCellValue(Double.parseDouble(v));
                } else {
                    // clauses such as 5.10 stay text (a number cell would show 5.1)
                    cell.setCellStyle(text);
                    cell.setCellValue(v);
                }
            }
        }
        sheet.createFreezePane(0, 1);
    }

    private static boolean isNumber(String v) {
        return v.matches("-?[0-9]+(\\.[0-9]+)?");
    }

    /** True when Excel shows the number as written (it keeps 15 significant digits). */
    private static boolean exactInExcel(String v) {
        BigDecimal d;
        try {
            d = new BigDecimal(v);
        } catch (NumberFormatException e) {
            return false;
        }
        if (d.stripTrailingZeros().precision() > 15) {
            return false;
        }
        return new BigDecimal(ItemTableXlsx.number(Double.parseDouble(v))).compareTo(d) == 0 && d.scale() == Math.max(0, d.stripTrailingZeros().scale());
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }
}
