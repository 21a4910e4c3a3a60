package com.tanfang.report.audit;

import com.tanfang.chart.RadarCharts;
import com.tanfang.document.pdf.PdfDocuments;
import com.tanfang.document.pdf.PdfPages;
import com.tanfang.message.Language;
import com.tanfang.report.ReportRadar;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A benchmark, not part of the suite (the name does not end in Test; run it with server/bench/audit-report.sh): the
 * audit report of a 100-item scheme (AuditReportSamples: three parts, two raters per item) rendered through the real
 * pipeline. Prints the median of N renderings after warm-up (model + radar PNG + HTML + PDF, and the PDF step alone),
 * the size and the page count. Nothing is asserted about time; the numbers go into performance.md.
 */
@MicronautTest(transactional = false)
class AuditReportBenchmark {
    @Inject
    PdfDocuments pdf;
    @Inject
    JsonMapper json;

    @Test
    void renderAHundredItemReport() {
        int items = Integer.getInteger("bench.items", 100);
        int runs = Integer.getInteger("bench.runs", 9);
        var scheme = AuditReportSamples.scheme(items);
        var sheet = AuditReportSamples.sheet(scheme, json);
        byte[] last = null;
        for (int i = 0; i < 3; i++) {
            last = render(items, sheet);
        }
        List<Long> whole = new ArrayList<>();
        List<Long> pdfOnly = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            byte[] png = RadarCharts.png(ReportRadar.of(AuditReportSamples.result(sheet), null, Language.ZH_CN, 1), 900, 720);
            AuditReport model = AuditReportSamples.model(Language.ZH_CN, items, json, png);
            long t1 = System.nanoTime();
            last = pdf.pdf(AuditReports.TEMPLATE, model);
            long t2 = System.nanoTime();
            whole.add((t2 - t0) / 1_000_000);
            pdfOnly.add((t2 - t1) / 1_000_000);
        }
        Collections.sort(whole);
        Collections.sort(pdfOnly);
        System.out.printf("audit report, %d items: median %d ms (model + radar + HTML + PDF), PDF step %d ms, runs %d,"
                        + " min %d ms, max %d ms; size %d bytes (%.0f KB), %d pages%n", items, whole.get(runs / 2),
                pdfOnly.get(runs / 2), runs, whole.get(0), whole.get(runs - 1), last.length, last.length / 1024.0,
                PdfPages.pageCount(last));
        // issue 14's machine-readable line; no BUDGET line: the docs set no budget for the report's rendering
        System.out.println(com.tanfang.BenchTimes.ratioLine("audit-report-" + items + "-items", whole.get(runs / 2),
                "its PDF step", pdfOnly.get(runs / 2)));
    }

    private byte[] render(int items, java.util.Map<String, Object> sheet) {
        byte[] png = RadarCharts.png(ReportRadar.of(AuditReportSamples.result(sheet), null, Language.ZH_CN, 1), 900, 720);
        return pdf.pdf(AuditReports.TEMPLATE, AuditReportSamples.model(Language.ZH_CN, items, json, png));
    }
}
