package com.tanfang.export;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * fastexcel against POI SXSSF for the export's shape (docs/decisions.md): ROWS rows of 16 cells (numbers, a time,
 * short texts) written to a byte-counting stream, in one thread. Not part of the suite (run it by name:
 * {@code mvn -o -pl server -am verify -Dtest=XlsxWritersBenchmark -Dsurefire.failIfNoSpecifiedTests=false}).
 */
class XlsxWritersBenchmark {
    private static final int ROWS = Integer.getInteger("rows", 200_000);

    static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    @Test
    void compare() throws IOException {
        for (int round = 0; round < 2; round++) {
            report("fastexcel 0.19.0 (level 1)", fastexcel(1));
            report("fastexcel 0.19.0 (default level)", fastexcel(-1));
            report("POI SXSSF 5.5.1 (window 100, temp files)", sxssf());
        }
    }

    private record Result(long millis, long bytes, long peakHeapMb, long firstByteMillis) {
    }

    private static void report(String what, Result r) {
        System.out.printf("XLSX %s: %,d rows in %d ms (%,.0f rows/s), %,d bytes, first byte after %d ms, peak heap %d MB%n",
                what, ROWS, r.millis, ROWS * 1000.0 / r.millis, r.bytes, r.firstByteMillis, r.peakHeapMb);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    private static Result fastexcel(int level) throws IOException {
        resetPeaks();
        Counting out = new Counting();
        long t0 = System.nanoTime();
        long first = -1;
        Workbook wb = new Workbook(out, "bench", "1.0");
        if (level >= 0) {
            wb.setCompressionLevel(level);
        }
        Worksheet ws = wb.newWorksheet("responses");
        for (int c = 0; c < 16; c++) {
            ws.inlineString(0, c, "第" + c + "题");
        }
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2026, 12, 1, 8, 0);
        for (int r = 1; r <= ROWS; r++) {
            ws.value(r, 0, r);
            ws.value(r, 1, t.plusSeconds(r));
            ws.style(r, 1).format("yyyy-mm-dd hh:mm:ss").set();
            ws.inlineString(r, 2, "线上");
            ws.inlineString(r, 3, "B" + (r % 30));
            ws.inlineString(r, 4, (r % 30) + "号楼A单元");
            for (int q = 0; q < 8; q++) {
                ws.value(r, 5 + q, 1 + (r + q) % 5);
            }
            ws.inlineString(r, 13, "否");
            if (r % 3 == 0) {
                ws.inlineString(r, 14, "已留（隐藏）");
            }
            if (r % 50 == 0) {
                ws.inlineString(r, 15, "'=1+1 很好");
            }
            if (r % 1000 == 0) {
                ws.flush();
                if (first < 0 && out.bytes > 0) {
                    first = (System.nanoTime() - t0) / 1_000_000;
                }
            }
        }
        ws.finish();
        wb.finish();
        return new Result((System.nanoTime() - t0) / 1_000_000, out.bytes, peakHeapMb(), first);
    }

    private static Result sxssf() throws IOException {
        resetPeaks();
        Counting out = new Counting();
        long t0 = System.nanoTime();
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            wb.setCompressTempFiles(false);
            SXSSFSheet ws = wb.createSheet("responses");
            var dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Row h = ws.createRow(0);
            for (int c = 0; c < 16; c++) {
                h.createCell(c).setCellValue("第" + c + "题");
            }
            java.time.LocalDateTime t = java.time.LocalDateTime.of(2026, 12, 1, 8, 0);
            for (int r = 1; r <= ROWS; r++) {
                Row row = ws.createRow(r);
                row.createCell(0).setCellValue(r);
                Cell tc = row.createCell(1);
                tc.setCellValue(t.plusSeconds(r));
                tc.setCellStyle(dateStyle);
                row.createCell(2).setCellValue("线上");
                row.createCell(3).setCellValue("B" + (r % 30));
                row.createCell(4).setCellValue((r % 30) + "号楼A单元");
                for (int q = 0; q < 8; q++) {
                    row.createCell(5 + q).setCellValue(1 + (r + q) % 5);
                }
                row.createCell(13).setCellValue("否");
                if (r % 3 == 0) {
                    row.createCell(14).setCellValue("已留（隐藏）");
                }
                if (r % 50 == 0) {
                    row.createCell(15).setCellValue("'=1+1 很好");
                }
            }
            long before = System.nanoTime();
            wb.write(out); // nothing reaches the client before this: the rows went to a temporary file
            long first = (before - t0) / 1_000_000;
            return new Result((System.nanoTime() - t0) / 1_000_000, out.bytes, peakHeapMb(), first);
        }
    }
}
