package com.tanfang.survey.notice;

import com.tanfang.document.LineBreaker;
import com.tanfang.document.QrCodes;

import com.google.zxing.common.BitMatrix;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printable survey notice (调查公告) that is posted in every stairwell: A4 portrait, one page per
 * survey point, Chinese always and English when chosen. The QR code is drawn as vector squares, so it
 * stays sharp at any printer resolution, and its symbol is at least 6 cm wide so a phone reads it from
 * about a metre away. The Chinese font is embedded (as a subset of the glyphs used), so the page prints
 * the same on machines with no Chinese fonts installed.
 */
public final class SurveyNoticePdf {
    private static final float MM = 72f / 25.4f;
    /** Symbol width without the quiet zone; below about 6 cm phones must come closer than a stairwell allows. */
    static final float MIN_QR_SYMBOL = 60 * MM;
    private static final float MAX_QR_SYMBOL = 75 * MM;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 16 * MM;
    private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    /** The least space kept above and below the QR group. */
    private static final float MIN_GAP = 10;
    private static final String FONT = "/fonts/NotoSansSC-Notice.ttf";

    // Chinese lines carry the notice; English lines, when printed, are smaller and grey beneath them.
    private static final Style HEADING = new Style(26, 1.3f, true, Align.CENTER, Ink.TEXT);
    private static final Style HEADING_EN = new Style(10, 1.3f, false, Align.CENTER, Ink.MUTED);
    private static final Style TITLE = new Style(19, 1.35f, true, Align.CENTER, Ink.TEXT);
    private static final Style TITLE_EN = new Style(12, 1.35f, false, Align.CENTER, Ink.MUTED);
    private static final Style POINT_LABEL = new Style(10, 1.3f, false, Align.CENTER, Ink.MUTED);
    private static final Style POINT = new Style(30, 1.3f, true, Align.CENTER, Ink.TEXT);
    private static final Style BODY = new Style(12, 1.6f, false, Align.LEFT, Ink.TEXT);
    private static final Style BODY_EN = new Style(10, 1.45f, false, Align.LEFT, Ink.MUTED);
    private static final Style DEADLINE = new Style(15, 1.4f, true, Align.CENTER, Ink.TEXT);
    private static final Style DEADLINE_EN = new Style(11, 1.4f, false, Align.CENTER, Ink.MUTED);
    private static final Style QR_LABEL = new Style(14, 1.4f, true, Align.CENTER, Ink.TEXT);
    private static final Style QR_LABEL_EN = new Style(10, 1.4f, false, Align.CENTER, Ink.MUTED);
    private static final Style URL = new Style(13, 1.4f, false, Align.CENTER, Ink.TEXT);
    private static final Style HINT = new Style(9, 1.4f, false, Align.CENTER, Ink.MUTED);
    private static final Style FINE = new Style(9.5f, 1.45f, false, Align.LEFT, Ink.TEXT);
    private static final Style FINE_EN = new Style(8.5f, 1.45f, false, Align.LEFT, Ink.MUTED);
    private static final Style SIGNATURE = new Style(10.5f, 1.45f, true, Align.LEFT, Ink.TEXT);

    private static final DateTimeFormatter DATE_ZH = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private static volatile byte[] fontBytes;

    private SurveyNoticePdf() {
    }

    /** One page per point of the notice, in order. */
    public static byte[] render(SurveyNotice notice) {
        if (notice.points().isEmpty()) {
            throw new IllegalArgumentException("the notice has no survey points");
        }
        return write(notice, notice.points());
    }

    /** A single page, for reprinting one stairwell's notice. */
    public static byte[] render(SurveyNotice notice, SurveyNotice.Point point) {
        return write(notice, List.of(point));
    }

    static String deadlineZh(LocalDateTime deadline) {
        return DATE_ZH.format(deadline);
    }

    static String deadlineEn(LocalDateTime deadline) {
        return DATE_EN.format(deadline);
    }

    private static byte[] write(SurveyNotice notice, List<SurveyNotice.Point> points) {
        // The font stays open until save, which is when PDFBox writes the subset.
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes()));
             PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, ttf, true);
            document.getDocumentInformation().setTitle(notice.titleZh());
            document.getDocumentInformation().setCreator("Tanfang");
            document.getDocumentCatalog().setLanguage("zh-CN");
            Typesetter type = new Typesetter(font);
            for (SurveyNotice.Point point : points) {
                PDPage page = new PDPage(PAGE);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    stack(layout(notice, point, type), content, MARGIN, MARGIN);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read once: the font is several MB, and notices are printed in batches. */
    private static byte[] fontBytes() throws IOException {
        byte[] bytes = fontBytes;
        if (bytes == null) {
            try (InputStream in = SurveyNoticePdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("font " + FONT + " is missing from the classpath");
                }
                bytes = in.readAllBytes();
            }
            fontBytes = bytes;
        }
        return bytes;
    }

    private static List<Item> layout(SurveyNotice notice, SurveyNotice.Point point, Typesetter type) {
        boolean en = notice.english();
        Flow top = new Flow(type, en, WIDTH)
                .text("调查公告", HEADING, "SURVEY NOTICE", HEADING_EN)
                .gap(8)
                .text(notice.titleZh(), TITLE, notice.titleEn(), TITLE_EN)
                .gap(12)
                .add(pointBox(point, type, en))
                .gap(14)
                .text(notice.bodyZh(), BODY)
                .gap(en ? 4 : 0)
                .english(notice.bodyEn(), BODY_EN)
                .gap(10)
                .text("调查截止时间：" + deadlineZh(notice.deadline()), DEADLINE,
                        "Deadline: " + deadlineEn(notice.deadline()), DEADLINE_EN);
        Flow qrLabel = new Flow(type, en, WIDTH)
                .text("请用手机扫描二维码参与调查", QR_LABEL, "Scan the QR code with your phone to take part", QR_LABEL_EN);
        Flow qrCaption = new Flow(type, en, WIDTH)
                .text(point.url(), URL.sized(type.fitSize(point.url(), URL.size(), 8, WIDTH)))
                .text("无法扫码时，可在手机浏览器中输入上面的网址"
                        + (en ? " · Or type the address above into your browser" : ""), HINT);
        Flow footer = new Flow(type, en, WIDTH)
                .add(new Rule())
                .gap(6)
                .text(notice.phoneAsked() ? "隐私说明：您留下的手机号仅用于调查结束后的抽样回访确认，不作他用。"
                                : "隐私说明：本调查为匿名调查，不收集您的姓名或手机号。", FINE,
                        notice.phoneAsked() ? "Privacy: your phone number is used only to call you back to confirm your answers, "
                                + "and for nothing else." : "Privacy: this survey is anonymous; it asks for neither your "
                                + "name nor your phone number.", FINE_EN)
                .gap(4)
                .text("认证机构：" + notice.certificationBody(), SIGNATURE,
                        "Certification body: " + notice.certificationBody(), FINE_EN);

        BitMatrix modules = QrCodes.modules(point.url());
        float room = PAGE.getHeight() - 2 * MARGIN - 2 * MIN_GAP
                - top.height() - qrLabel.height() - qrCaption.height() - footer.height();
        int symbolModules = modules.getWidth() - 2 * QrCodes.QUIET_ZONE_MODULES;
        float module = Math.min(MAX_QR_SYMBOL / symbolModules, room / modules.getWidth());
        if (module * symbolModules < MIN_QR_SYMBOL) {
            throw new IllegalArgumentException("the notice text is too long for one page: "
                    + "the QR code would be narrower than 6 cm");
        }
        Qr qr = new Qr(modules, module);
        // What is left is shared above and below the QR group, so the code sits in the open middle.
        float slack = (room - qr.height()) / 2 + MIN_GAP;

        List<Item> page = new ArrayList<>(top.items);
        page.add(new Gap(slack));
        page.addAll(qrLabel.items);
        page.add(qr);
        page.addAll(qrCaption.items);
        page.add(new Gap(slack));
        page.addAll(footer.items);
        return page;
    }

    private static Item pointBox(SurveyNotice.Point point, Typesetter type, boolean en) {
        float inner = WIDTH - 2 * Box.PADDING;
        Style name = POINT.sized(type.fitSize(point.name(), POINT.size(), 20, inner));
        return new Box(new Flow(type, en, inner)
                .text(en ? "调查点 · Survey point" : "调查点", POINT_LABEL)
                .text(point.name(), name)
                .items);
    }

    private static float height(List<Item> items) {
        float sum = 0;
        for (Item item : items) {
            sum += item.height();
        }
        return sum;
    }

    /** Draws items one under the other, from {@code top} down. */
    private static void stack(List<Item> items, PDPageContentStream content, float left, float top)
            throws IOException {
        for (Item item : items) {
            item.draw(content, left, top);
            top += item.height();
        }
    }

    /** Page coordinates run up from the bottom; the layout runs down from the top. */
    private static float y(float fromTop) {
        return PAGE.getHeight() - fromTop;
    }

    private enum Align { LEFT, CENTER }

    private enum Ink {
        TEXT(0.08f), MUTED(0.35f), LINE(0.55f);

        final float gray;

        Ink(float gray) {
            this.gray = gray;
        }
    }

    private interface Item {
        float height();

        void draw(PDPageContentStream content, float left, float top) throws IOException;
    }

    private record Gap(float height) implements Item {
        @Override
        public void draw(PDPageContentStream content, float left, float top) {
        }
    }

    private record Rule() implements Item {
        @Override
        public float height() {
            return 1;
        }

        @Override
        public void draw(PDPageContentStream content, float left, float top) throws IOException {
            content.setStrokingColor(Ink.LINE.gray);
            content.setLineWidth(0.6f);
            content.moveTo(left, y(top));
            content.lineTo(left + WIDTH, y(top));
            content.stroke();
        }
    }

    /** A framed group; used for the point name, which residents check first. */
    private record Box(List<Item> items) implements Item {
        static final float PADDING = 10;

        @Override
        public float height() {
            return SurveyNoticePdf.height(items) + 2 * PADDING;
        }

        @Override
        public void draw(PDPageContentStream content, float left, float top) throws IOException {
            content.setStrokingColor(Ink.TEXT.gray);
            content.setLineWidth(1.8f);
            content.addRect(left, y(top + height()), WIDTH, height());
            content.stroke();
            stack(items, content, left + PADDING, top + PADDING);
        }
    }

    /** The QR code as filled squares in one path: one fill, so no hairline seams between modules. */
    private record Qr(BitMatrix modules, float module) implements Item {
        @Override
        public float height() {
            return modules.getHeight() * module;
        }

        @Override
        public void draw(PDPageContentStream content, float left, float top) throws IOException {
            float x0 = left + (WIDTH - modules.getWidth() * module) / 2;
            content.setNonStrokingColor(0f);
            for (QrCodes.Run run : QrCodes.runs(modules)) {
                content.addRect(x0 + run.x() * module, y(top + (run.y() + 1) * module), run.length() * module, module);
            }
            content.fill();
        }
    }

    /** Size, line height (as a multiple of the size), weight, alignment and colour of a run of text. */
    private record Style(float size, float leading, boolean bold, Align align, Ink ink) {
        Style sized(float newSize) {
            return new Style(newSize, leading, bold, align, ink);
        }
    }

    /** Builds a column of items of one width; English text is left out of Chinese-only notices. */
    private static final class Flow {
        final List<Item> items = new ArrayList<>();
        private final Typesetter type;
        private final boolean english;
        private final float width;

        Flow(Typesetter type, boolean english, float width) {
            this.type = type;
            this.english = english;
            this.width = width;
        }

        Flow text(String text, Style style) {
            return add(new Block(type, LineBreaker.wrap(text, line -> type.width(line, style.size()) <= width),
                    style, width));
        }

        /** Text printed on bilingual notices only. */
        Flow english(String text, Style style) {
            return english ? text(text, style) : this;
        }

        /** Chinese, then English beneath it on bilingual notices. */
        Flow text(String zh, Style style, String en, Style enStyle) {
            return text(zh, style).english(en, enStyle);
        }

        Flow gap(float height) {
            return height > 0 ? add(new Gap(height)) : this;
        }

        Flow add(Item item) {
            items.add(item);
            return this;
        }

        float height() {
            return SurveyNoticePdf.height(items);
        }
    }

    /** Wrapped lines in one style. */
    private record Block(Typesetter type, List<String> lines, Style style, float width) implements Item {
        /** Noto Sans CJK's ascender, as a share of the font size. */
        private static final float ASCENT = 0.88f;

        @Override
        public float height() {
            return lines.size() * style.size() * style.leading();
        }

        @Override
        public void draw(PDPageContentStream content, float left, float top) throws IOException {
            float size = style.size();
            content.setNonStrokingColor(style.ink().gray);
            content.setStrokingColor(style.ink().gray);
            // The one embedded weight is regular; bold is drawn by stroking the outlines as well.
            content.setRenderingMode(style.bold() ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            content.setLineWidth(size * 0.035f);
            float lineTop = top;
            for (String line : lines) {
                float x = style.align() == Align.CENTER ? left + (width - type.width(line, size)) / 2 : left;
                content.beginText();
                content.setFont(type.font, size);
                content.newLineAtOffset(x, y(lineTop + (style.leading() - 1) * size / 2 + ASCENT * size));
                content.showText(line);
                content.endText();
                lineTop += size * style.leading();
            }
            content.setRenderingMode(RenderingMode.FILL);
        }
    }

    /** Measures and wraps text in the embedded font. */
    private static final class Typesetter {
        final PDType0Font font;

        Typesetter(PDType0Font font) {
            this.font = font;
        }

        float width(String text, float size) {
            try {
                return font.getStringWidth(text) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The largest size up to {@code max} at which the text fits on one line, but never below {@code min}. */
        float fitSize(String text, float max, float min, float width) {
            float natural = width(text, max);
            return natural <= width ? max : Math.max(min, max * width / natural);
        }
    }
}
