package com.tanfang.scheme;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: item tables as XLSX workbooks, and every built-in through its item table and rules table and back. */
class ItemTableXlsxTest {

    // ------------------------------------------------------------------ round trips

    @Test
    void everyBuiltInExportsToCsvTablesAndReimportsToAnEqualScheme() {
        for (Scheme s : BuiltInSchemes.all()) {
            SchemeDocument doc = SchemeDocuments.toDocument(s);
            String items = ItemTableExport.itemsCsv(doc);
            String rules = ItemTableExport.rulesCsv(doc);
            ItemTableCsv.Result table = ItemTableCsv.parse(items.getBytes(StandardCharsets.UTF_8), null);
            assertEquals(List.of(), table.problems(), s.code());
            SchemeRulesTable.Rules r = SchemeRulesTable.parse(TableText.decode(rules.getBytes(StandardCharsets.UTF_8), null, "rules"));
            assertEquals(List.of(), r.problems(), s.code());
            Scheme again = SchemeValidator.validate(table.toDocument(r.skeleton())).orThrow();
            assertEquals(s, again, s.code());
        }
    }

    @Test
    void everyBuiltInExportsToAWorkbookAndReimportsToAnEqualScheme() {
        for (Scheme s : BuiltInSchemes.all()) {
            SchemeDocument doc = SchemeDocuments.toDocument(s);
            ItemTableXlsx.Workbook book = ItemTableXlsx.read(ItemTableExport.xlsx(doc), "file");
            assertEquals(List.of(), book.problems(), s.code());
            assertEquals("items", book.itemSheet());
            assertEquals("scheme", book.rulesSheet());
            ItemTableCsv.Result table = ItemTableCsv.parse(book.items(), "items!1");
            assertEquals(List.of(), table.problems(), s.code());
            SchemeRulesTable.Rules r = SchemeRulesTable.parse(book.rules());
            assertEquals(List.of(), r.problems(), s.code());
            assertEquals(s, SchemeValidator.validate(table.toDocument(r.skeleton())).orThrow(), s.code());
        }
    }

    @Test
    void theRulesTableCarriesGradesWithPartConditionsPassFailAndBothFailRules() {
        String rules = "rule,value\n"
                + "code,deqing\n"
                + "满分,200\n"
                + "reporting,PARTS_SEPARATELY\n"
                + "likert,CUSTOM,0,0.4,0.6,0.8,1\n"
                + "fail_deduction_count,5\n"
                + "fail_deducted_points,5\n"
                + "grade,three,三钻,Three diamonds,,service>=70%; management>=70%\n"
                + "等级,five,五钻,Five diamonds,,service>=90%；maturity>=800\n"
                + "# a comment row\n";
        SchemeRulesTable.Rules r = SchemeRulesTable.parse(rules);
        assertEquals(List.of(), r.problems());
        assertEquals("PARTS_SEPARATELY", r.reporting());
        assertEquals(0, new BigDecimal("200").compareTo(r.fullMarks()));
        assertEquals(new SchemeDocument.FailWhen(5, new BigDecimal("5")), r.special().failWhen());
        assertEquals(List.of(new BigDecimal("0"), new BigDecimal("0.4"), new BigDecimal("0.6"), new BigDecimal("0.8"),
                new BigDecimal("1")), r.likert().coefficients());
        assertEquals(List.of(new SchemeDocument.PartCondition("service", new BigDecimal("90"), null),
                new SchemeDocument.PartCondition("maturity", null, new BigDecimal("800"))), r.grades().get(1).conditions());
        assertEquals(List.of(), SchemeRulesTable.parse("pass_fail_only,yes\n").grades());
    }

    @Test
    void unknownRulesAndTooManyValuesAreNamedNeverDropped() {
        SchemeRulesTable.Rules r = SchemeRulesTable.parse("code,x\ncolour,blue\ncode,y\nfull_marks,100,200\ngrade,a,甲,A,x\n");
        assertEquals(List.of("line 2: colour", "line 3: code", "line 4: full_marks", "line 5: grade"),
                r.problems().stream().map(p -> p.field()).toList());
    }

    // ------------------------------------------------------------------ cells

    private static byte[] workbook(java.util.function.Consumer<XSSFWorkbook> fill) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(book);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void header(Sheet sheet) {
        Row h = sheet.createRow(0);
        List<String> columns = ItemTableCsv.REQUIRED_COLUMNS;
        for (int i = 0; i < columns.size(); i++) {
            h.createCell(i).setCellValue(columns.get(i));
        }
    }

    /** part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en */
    private static Row item(Sheet sheet, int r, String code) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue("service");
        row.createCell(1).setCellValue(0.3);
        row.createCell(2).setCellValue("1");
        row.createCell(3).setCellValue("服务");
        row.createCell(4).setCellValue("Service");
        row.createCell(5).setCellValue(0.3);
        row.createCell(6).setCellValue("1." + r);
        row.createCell(7).setCellValue(code);
        row.createCell(8).setCellValue(0.1);
        row.createCell(9).setCellValue("明示价格");
        row.createCell(10).setCellValue("Prices shown");
        return row;
    }

    @Test
    void numbersKeepTheirDecimalFormFormulasGiveTheirCachedValueAndChineseStays() {
        byte[] bytes = workbook(book -> {
            Sheet sheet = book.createSheet("条款");
            header(sheet);
            item(sheet, 1, "A1");
            item(sheet, 2, "A2").getCell(8).setCellFormula("0.3-0.2"); // 0.09999999999999998 as a double
            Row third = item(sheet, 3, "A3");
            CellStyle twoDecimals = book.createCellStyle();
            twoDecimals.setDataFormat(book.createDataFormat().getFormat("0.00"));
            third.getCell(8).setCellStyle(twoDecimals);
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });
        ItemTableXlsx.Workbook book = ItemTableXlsx.read(bytes, "file");
        assertEquals(List.of(), book.problems());
        ItemTableCsv.Result r = ItemTableCsv.parse(book.items(), book.itemSheet() + "!1");
        assertEquals(List.of(), r.problems());
        List<SchemeDocument.Item> items = r.parts().get(0).groups().get(0).items();
        assertEquals(List.of("0.1", "0.1", "0.1"), items.stream().map(i -> i.points().toPlainString()).toList());
        assertEquals("0.3", r.parts().get(0).points().toPlainString());
        assertEquals("明示价格", items.get(0).textZh());
    }

    @Test
    void aDateOrErrorCellInANumberColumnNamesSheetRowAndColumn() {
        byte[] bytes = workbook(book -> {
            Sheet sheet = book.createSheet("items");
            header(sheet);
            item(sheet, 1, "A1");
            Row dated = item(sheet, 2, "A2");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            dated.getCell(8).setCellValue(java.time.LocalDate.of(2026, 1, 2));
            dated.getCell(8).setCellStyle(date);
            item(sheet, 3, "A3").getCell(8).setCellErrorValue(FormulaError.DIV0.getCode());
        });
        ItemTableCsv.Result r = ItemTableCsv.parse(ItemTableXlsx.read(bytes, "file").items(), "items!1");
        assertEquals(List.of("items!3: points: is a date, not a number or text",
                        "items!4: points: is an error cell (such as #DIV/0!)"),
                r.problems().stream().map(p -> p.field() + ": " + p.message().english()).toList());
    }

    @Test
    void aZipBombIsAProblemNotAnOutOfMemoryError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 60; i++) {
                zip.write(zeros); // 60 MB of zeros: about 60 KB compressed, a ratio far past POI's 1 %
            }
            zip.closeEntry();
        }
        byte[] bomb = out.toByteArray();
        assertTrue(bomb.length < ItemTableXlsx.MAX_BYTES, "bomb " + bomb.length);
        ItemTableXlsx.Workbook book = ItemTableXlsx.read(bomb, "file");
        assertEquals(List.of("file"), book.problems().stream().map(p -> p.field()).toList());
        assertEquals("xlsx.unreadable", book.problems().get(0).message().code());
    }

    @Test
    void garbageThatStartsLikeAZipAndOversizedFilesAreProblems() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
        assertEquals("xlsx.unreadable", ItemTableXlsx.read(garbage, "file").problems().get(0).message().code());
        assertEquals("xlsx.too_large", ItemTableXlsx.read(new byte[ItemTableXlsx.MAX_BYTES + 1], "file")
                .problems().get(0).message().code());
    }

    @Test
    void aSheetWithTooManyRowsIsRefusedWhileReading() {
        byte[] bytes = workbook(book -> {
            Sheet sheet = book.createSheet("items");
            header(sheet);
            for (int r = 1; r <= ItemTableCsv.MAX_ROWS + 5; r++) {
                sheet.createRow(r).createCell(0).setCellValue("x");
            }
        });
        ItemTableXlsx.Workbook book = ItemTableXlsx.read(bytes, "file");
        assertEquals("table.too_many_rows", book.problems().get(0).message().code());
    }
}
