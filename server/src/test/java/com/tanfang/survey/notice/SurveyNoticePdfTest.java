package com.tanfang.survey.notice;

import com.tanfang.document.QrCodes;
import com.tanfang.document.QrDecoding;

import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurveyNoticePdfTest {
    static final String URL = "https://survey.example.cn/s/Xk3J9qPzT7mVb2Lw8RcN4hYdF6sGa1Eu";
    static final LocalDateTime DEADLINE = LocalDateTime.of(2026, 12, 15, 18, 0);
    static final float DPI = 150;

    static SurveyNotice notice(SurveyNotice.Languages languages, List<SurveyNotice.Point> points) {
        return new SurveyNotice(
                "锦绣花园物业服务顾客满意度调查",
                "Jinxiu Garden property services: resident satisfaction survey",
                "受锦绣花园业主委员会委托，我们正在对本小区的物业服务进行顾客满意度调查。"
                        + "调查约需5分钟，涉及客户服务、环境卫生、公共设施、安全管理等方面。"
                        + "您的真实意见将直接影响认证结果，请在截止时间前完成。",
                "On behalf of the owners' committee we are surveying residents' satisfaction with the "
                        + "property services. It takes about five minutes; your honest answers count "
                        + "towards the certification result.",
                DEADLINE, languages, "华信服务认证有限公司", points);
    }

    static SurveyNotice.Point point3A() {
        return new SurveyNotice.Point("3号楼A单元", URL);
    }

    static String text(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    @Test
    void deadlineFormats() {
        assertEquals("2026年12月15日 18:00", SurveyNoticePdf.deadlineZh(DEADLINE));
        assertEquals("5 March 2027, 09:30", SurveyNoticePdf.deadlineEn(LocalDateTime.of(2027, 3, 5, 9, 30)));
    }

    @Test
    void onePointPageSaysWhatItMustEmbedsItsFontAndScans() throws Exception {
        long start = System.nanoTime();
        byte[] pdf = SurveyNoticePdf.render(notice(SurveyNotice.Languages.ZH_EN, List.of()), point3A());
        System.out.printf("notice: one page, %d bytes, %d ms%n", pdf.length, (System.nanoTime() - start) / 1_000_000);
        assertTrue(pdf.length < 400_000, "one page is " + pdf.length + " bytes");

        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("notice-sample.pdf"), pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages());
            PDPage page = document.getPage(0);
            assertEquals(595, Math.round(page.getMediaBox().getWidth()));
            assertEquals(842, Math.round(page.getMediaBox().getHeight()));

            String text = text(document, 1);
            assertTrue(text.contains("锦绣花园物业服务顾客满意度调查"), text);
            assertTrue(text.contains("3号楼A单元"), text);
            assertTrue(text.contains("2026年12月15日 18:00"), text);
            assertTrue(text.contains("15 December 2026, 18:00"), text);
            assertTrue(text.contains(URL), text);
            assertTrue(text.contains("华信服务认证有限公司"), text);
            assertTrue(text.contains("回访"), text);
            assertTrue(text.contains("SURVEY NOTICE"), text);

            List<String> fonts = new ArrayList<>();
            for (COSName name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                fonts.add(font.getName());
            }
            assertEquals(1, fonts.size(), fonts.toString());
            assertTrue(fonts.get(0).matches("[A-Z]{6}\\+.*"), "subset prefix expected: " + fonts);

            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.RGB);
            ImageIO.write(image, "png", target.resolve("notice-sample.png").toFile());
            Result scanned = QrDecoding.read(image);
            assertEquals(URL, scanned.getText());
            double symbolCm = symbolWidthPx(scanned) / DPI * 2.54;
            System.out.printf("notice: QR symbol %.1f cm wide%n", symbolCm);
            assertTrue(symbolCm >= 5.95, "QR symbol is only " + symbolCm + " cm");
        }
    }

    /** From the finder patterns' centres, which are (modules - 7) modules apart. */
    static double symbolWidthPx(Result scanned) {
        ResultPoint[] points = scanned.getResultPoints();
        // ZXing gives bottom-left, top-left, top-right
        double apart = ResultPoint.distance(points[1], points[2]);
        int modules = QrCodes.modules(scanned.getText()).getWidth() - 2 * QrCodes.QUIET_ZONE_MODULES;
        return apart * modules / (modules - 7);
    }

    @Test
    void chineseOnlyLeavesEnglishOut() throws Exception {
        byte[] pdf = SurveyNoticePdf.render(notice(SurveyNotice.Languages.ZH, List.of()), point3A());
        Files.write(Files.createDirectories(Path.of("target")).resolve("notice-zh-only.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = text(document, 1);
            assertTrue(text.contains("调查公告"));
            assertTrue(text.contains("2026年12月15日 18:00"));
            assertFalse(text.contains("SURVEY NOTICE"));
            assertFalse(text.contains("December"));
            assertFalse(text.contains("Privacy"));
            assertEquals(URL, QrDecoding.decode(new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.GRAY)));
        }
    }

    @Test
    void thirtyPointsMakeThirtyPagesInOrder() throws Exception {
        List<SurveyNotice.Point> points = new ArrayList<>();
        for (int building = 1; building <= 15; building++) {
            for (String unit : List.of("A", "B")) {
                points.add(new SurveyNotice.Point(building + "号楼" + unit + "单元",
                        "https://survey.example.cn/s/p" + building + unit + "Xk3J9qPzT7mVb2Lw8RcN4hYd"));
            }
        }
        long start = System.nanoTime();
        byte[] pdf = SurveyNoticePdf.render(notice(SurveyNotice.Languages.ZH_EN, points));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("notice: 30 pages, %d bytes, %d ms%n", pdf.length, millis);
        assertTrue(millis < 30_000, "30 pages took " + millis + " ms");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(30, document.getNumberOfPages());
            for (int i = 0; i < 30; i++) {
                String text = text(document, i + 1);
                assertTrue(text.contains(points.get(i).name()), "page " + (i + 1));
                assertTrue(text.contains(points.get(i).url()), "page " + (i + 1));
            }
            BufferedImage last = new PDFRenderer(document).renderImageWithDPI(29, DPI, ImageType.GRAY);
            assertEquals(points.get(29).url(), QrDecoding.decode(last));
        }
    }

    @Test
    void longPointNamesAndRareCharactersStillFit() throws Exception {
        SurveyNotice.Point point = new SurveyNotice.Point("玥珑湾堃园南区第十二栋二号楼东侧单元（临时调查点）", URL);
        byte[] pdf = SurveyNoticePdf.render(notice(SurveyNotice.Languages.ZH_EN, List.of()), point);
        Files.write(Files.createDirectories(Path.of("target")).resolve("notice-long-name.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = text(document, 1).replaceAll("\\s", "");
            assertTrue(text.contains("玥珑湾堃园"), text);
            assertEquals(URL, QrDecoding.decode(new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.GRAY)));
        }
    }

    @Test
    void charactersTheFontLacksAreRefusedRatherThanPrintedAsBoxes() {
        SurveyNotice.Point emoji = new SurveyNotice.Point("3号楼\uD83C\uDFE0", URL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SurveyNoticePdf.render(notice(SurveyNotice.Languages.ZH, List.of()), emoji));
        assertTrue(e.getMessage().contains("U+1F3E0"), e.getMessage());
    }

    @Test
    void textTooLongForOnePageIsRefused() {
        SurveyNotice base = notice(SurveyNotice.Languages.ZH_EN, List.of());
        SurveyNotice wordy = new SurveyNotice(base.titleZh(), base.titleEn(), base.bodyZh().repeat(8),
                base.bodyEn().repeat(4), DEADLINE, base.languages(), base.certificationBody(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SurveyNoticePdf.render(wordy, point3A()));
        assertTrue(e.getMessage().contains("6 cm"), e.getMessage());
    }

    @Test
    void incompleteNoticesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SurveyNoticePdf.render(notice(SurveyNotice.Languages.ZH, List.of())));
        assertThrows(IllegalArgumentException.class, () -> new SurveyNotice("标题", null, "正文", null, DEADLINE,
                SurveyNotice.Languages.ZH_EN, "机构", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SurveyNotice.Point("3号楼", " "));
        // English may be left out when only Chinese is printed
        new SurveyNotice("标题", null, "正文", null, DEADLINE, SurveyNotice.Languages.ZH, "机构", List.of());
    }
}
