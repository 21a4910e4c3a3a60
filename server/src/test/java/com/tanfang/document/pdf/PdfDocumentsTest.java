package com.tanfang.document.pdf;

import com.tanfang.message.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's own promises, on a long table (94 rows, as a large scheme's item table): several pages, the
 * header row on every page, no row split across pages, Chinese glyphs present, page x of y in the footer, the
 * same model giving the same bytes, and markup in data escaped.
 */
class PdfDocumentsTest {
    private static final PdfDocuments PDFS = new PdfDocuments();
    private static byte[] pdf;
    private static TableDocument model;

    @BeforeAll
    static void render() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 94; i++) {
            String code = String.format("Z%03d", i);
            rows.add(List.of("5." + i, code, "楼道照明完好，夜间巡查记录齐全；电梯轿厢清洁无异味，应急电话畅通。第" + i + "项",
                    "2", i % 7 == 0 ? "不涉及" : "87.5"));
        }
        model = new TableDocument(new DocumentFrame("物业服务认证审核报告", "锦绣花园 · 审核报告", Language.ZH_CN,
                "修订 1 · SHA-256 0123abcd"), "评价项目表", "<b>不应成为粗体</b>",
                List.of("条款", "代码", "检查内容", "分值", "得分率"), rows);
        pdf = PDFS.pdf("document/table.jte", model);
    }

    @Test
    void aLongTableRunsOverPagesWithItsHeaderOnEveryPageAndNoRowSplit() {
        int pages = PdfPages.pageCount(pdf);
        assertTrue(pages >= 3, "94 rows of two lines fill more than two A4 pages: " + pages);
        List<String> texts = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            String text = PdfPages.text(pdf, p);
            texts.add(text);
            assertTrue(text.contains("条款") && text.contains("检查内容") && text.contains("得分率"),
                    "the header row repeats on page " + p + ":\n" + text);
            assertTrue(text.contains("第 " + p + " 页 / 共 " + pages + " 页"), "page " + p + " of " + pages + ":\n" + text);
            assertTrue(text.contains("锦绣花园 · 审核报告"), "running header on page " + p);
            assertTrue(text.contains("修订 1 · SHA-256 0123abcd"), "footer note on page " + p);
        }
        for (int i = 1; i <= 94; i++) {
            String code = String.format("Z%03d", i);
            Pattern end = Pattern.compile("第" + i + "项(?!\\d)");
            int withCode = 0;
            int withEnd = 0;
            for (int p = 0; p < pages; p++) {
                String text = texts.get(p);
                withCode += count(text, code);
                boolean ends = end.matcher(text).find();
                withEnd += ends ? 1 : 0;
                if (text.contains(code)) {
                    assertTrue(ends, "row " + code + " starts on page " + (p + 1) + " but ends on another: a row was split");
                }
            }
            assertEquals(1, withCode, code + " appears on exactly one page");
            assertEquals(1, withEnd, "the end of row " + code + " appears on exactly one page");
        }
    }

    @Test
    void chineseTextHasItsGlyphsAndMarkupInDataIsEscaped() {
        assertFalse(PdfPages.hasTofu(pdf), "every character drawn has a glyph");
        String text = PdfPages.text(pdf);
        assertTrue(text.contains("楼道照明完好"), text.substring(0, Math.min(400, text.length())));
        assertTrue(text.contains("<b>不应成为粗体</b>"), "the note's markup is printed as text, not interpreted");
    }

    @Test
    void theSameModelGivesTheSameBytes() {
        assertArrayEquals(pdf, PDFS.pdf("document/table.jte", model));
    }

    @Test
    void englishPagesSayPageXOfY() {
        TableDocument en = new TableDocument(new DocumentFrame("Audit report", "Jinxiu Garden", Language.EN, ""),
                "Items", "", List.of("Clause", "Item"), List.of(List.of("5.1", "Lighting")));
        byte[] p = PDFS.pdf("document/table.jte", en);
        assertTrue(PdfPages.text(p).contains("Page 1 of 1"), PdfPages.text(p));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
