package com.tanfang.report.audit;

import com.tanfang.chart.RadarChart;
import com.tanfang.chart.RadarCharts;
import com.tanfang.document.pdf.PdfDocuments;
import com.tanfang.document.pdf.PdfPages;
import com.tanfang.message.Language;
import com.tanfang.report.ReportRadar;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit report of a 94-item scheme rendered through the real pipeline and read back with PDFBox: Chinese glyphs
 * drawn (no tofu), more than one page, the item table's header on every page the table runs over, no row split
 * (every item code on exactly one page), the same model giving the same bytes, and page images written to
 * target/screenshots for a look.
 */
@MicronautTest(transactional = false)
class AuditReportPdfTest {
    @Inject
    PdfDocuments pdf;
    @Inject
    JsonMapper json;

    @Test
    void aLongSchemeRendersWholeRowsUnderARepeatedHeader() throws Exception {
        var scheme = AuditReportSamples.scheme(94);
        var sheet = AuditReportSamples.sheet(scheme, json);
        RadarChart chart = ReportRadar.of(AuditReportSamples.result(sheet), null, Language.ZH_CN, 1);
        assertEquals(3, chart.axes().size(), "three parts, three axes");
        AuditReport model = AuditReportSamples.model(Language.ZH_CN, 94, json, RadarCharts.png(chart, 900, 720));
        byte[] bytes = pdf.pdf(AuditReports.TEMPLATE, model);
        int pages = PdfPages.pageCount(bytes);
        assertTrue(pages > 1, "pages: " + pages);
        assertFalse(PdfPages.hasTofu(bytes), "every character drawn has a glyph");
        String all = PdfPages.text(bytes);
        assertTrue(all.contains("审核报告") && all.contains("评价组公正性承诺") && all.contains("不涉及"), "Chinese text is extracted");

        List<String> codes = new ArrayList<>();
        scheme.items().forEach(i -> codes.add(i.code()));
        assertEquals(94, codes.size());
        List<String> texts = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            texts.add(PdfPages.text(bytes, p));
        }
        int tablePages = 0;
        for (String code : codes) {
            int on = 0;
            for (String text : texts) {
                if (text.contains(code)) {
                    on++;
                }
            }
            assertEquals(1, on, code + " appears on " + on + " pages: a row split or a repeated code");
        }
        String header = "评价内容"; // the "what was checked" column head: only in the item tables
        for (int p = 0; p < pages; p++) {
            String text = texts.get(p);
            assertFalse(text.isBlank(), "page " + (p + 1) + " has text");
            if (codes.stream().anyMatch(text::contains)) {
                tablePages++;
                assertTrue(text.contains(header) && text.contains("实际得分") && text.contains("得分率"),
                        "page " + (p + 1) + " has item rows but no table header");
            }
        }
        assertTrue(tablePages >= 3, "the 94 items run over several pages: " + tablePages);
        assertArrayEquals(bytes, pdf.pdf(AuditReports.TEMPLATE, model), "the same model renders the same bytes");

        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        for (int p = 1; p <= Math.min(pages, 4); p++) {
            Files.write(out.resolve("audit-report-94-page" + p + ".png"), PdfPages.png(bytes, p, 72));
        }
        BufferedImage first = PdfPages.image(bytes, 1, 36);
        assertTrue(first.getWidth() > 0);

        // English: the same structure, English labels
        AuditReport en = AuditReportSamples.model(Language.EN, 94, json, null);
        byte[] enBytes = pdf.pdf(AuditReports.TEMPLATE, en);
        String enText = PdfPages.text(enBytes);
        assertTrue(enText.contains("Audit report") && enText.contains("What was checked") && enText.contains("Pro-rating"), enText.substring(0, 300));
        assertFalse(PdfPages.hasTofu(enBytes));
    }
}
