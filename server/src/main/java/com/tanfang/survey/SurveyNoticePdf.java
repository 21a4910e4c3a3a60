package com.tanfang.survey;

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
    private static final String FONT = "/fonts/NotoSansSC-Notice.ttf";

    private static final DateTimeFormatter DEADLINE_ZH = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter DEADLINE_EN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

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
        return DEADLINE_ZH.format(deadline);
    }

    static String deadlineEn(LocalDateTime deadline) {
        return DEADLINE_EN.format(deadline);
    }

    private static byte[] write(SurveyNotice notice, List<SurveyNotice.Point> points) {
        // The font stays open until save, which is when PDFBox writes the subset.
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes()));
             PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, ttf, true);
            document.getDocumentInformation().setTitle(notice.titleZh());
            document.getDocumentInformation().setCreator("Tanfang");
            document.getDocumentCatalog().setLanguage("zh-CN");
            Type type = new Type(font);
            for (SurveyNotice.Point point : points) {
                PDPage page = new PDPage(PAGE);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    draw(layout(notice, point, type), content);
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

    private static List<Item> layout(SurveyNotice notice, SurveyNotice.Point point, Type type) {
        boolean en = notice.english();
        List<Item> top = new ArrayList<>();
        top.add(type.block("调查公告", 26, 1.3f, true, Align.CENTER, Ink.TEXT, WIDTH));
        if (en) {
            top.add(type.block("SURVEY NOTICE", 10, 1.3f, false, Align.CENTER, Ink.MUTED, WIDTH));
        }
        top.add(new Gap(8));
        top.add(type.block(notice.titleZh(), 19, 1.35f, true, Align.CENTER, Ink.TEXT, WIDTH));
        if (en) {
            top.add(type.block(notice.titleEn(), 12, 1.35f, false, Align.CENTER, Ink.MUTED, WIDTH));
        }
        top.add(new Gap(12));
        top.add(pointBox(point, en, type));
        top.add(new Gap(14));
        top.add(type.block(notice.bodyZh(), 12, 1.6f, false, Align.LEFT, Ink.TEXT, WIDTH));
        if (en) {
            top.add(new Gap(4));
            top.add(type.block(notice.bodyEn(), 10, 1.45f, false, Align.LEFT, Ink.MUTED, WIDTH));
        }
        top.add(new Gap(10));
        top.add(type.block("调查截止时间：" + deadlineZh(notice.deadline()), 15, 1.4f, true, Align.CENTER, Ink.TEXT, WIDTH));
        if (en) {
            top.add(type.block("Deadline: " + deadlineEn(notice.deadline()), 11, 1.4f, false, Align.CENTER, Ink.MUTED, WIDTH));
        }

        List<Item> qrLabel = new ArrayList<>();
        qrLabel.add(type.block("请用手机扫描二维码参与调查", 14, 1.4f, true, Align.CENTER, Ink.TEXT, WIDTH));
        if (en) {
            qrLabel.add(type.block("Scan the QR code with your phone to take part", 10, 1.4f, false, Align.CENTER, Ink.MUTED, WIDTH));
        }
        List<Item> qrCaption = new ArrayList<>();
        float urlSize = type.fitSize(point.url(), 13, 8, WIDTH);
        qrCaption.add(type.block(point.url(), urlSize, 1.4f, false, Align.CENTER, Ink.TEXT, WIDTH));
        qrCaption.add(type.block(en ? "无法扫码时，可在手机浏览器中输入上面的网址 · Or type the address above into your browser"
                : "无法扫码时，可在手机浏览器中输入上面的网址", 9, 1.4f, false, Align.CENTER, Ink.MUTED, WIDTH));

        List<Item> footer = new ArrayList<>();
        footer.add(new Rule());
        footer.add(new Gap(6));
        footer.add(type.block("隐私说明：您留下的手机号仅用于调查结束后的抽样回访确认，不作他用。",
                9.5f, 1.45f, false, Align.LEFT, Ink.TEXT, WIDTH));
        if (en) {
            footer.add(type.block("Privacy: your phone number is used only to call you back to confirm your answers, "
                    + "and for nothing else.", 8.5f, 1.45f, false, Align.LEFT, Ink.MUTED, WIDTH));
        }
        footer.add(new Gap(4));
        footer.add(type.block("认证机构：" + notice.certificationBody(), 10.5f, 1.45f, true, Align.LEFT, Ink.TEXT, WIDTH));
        if (en) {
            footer.add(type.block("Certification body: " + notice.certificationBody(),
                    8.5f, 1.45f, false, Align.LEFT, Ink.MUTED, WIDTH));
        }

        BitMatrix modules = QrCodes.modules(point.url());
        float fixed = height(top) + height(qrLabel) + height(qrCaption) + height(footer);
        float room = PAGE.getHeight() - 2 * MARGIN - fixed - 2 * MIN_GAP;
        int symbolModules = modules.getWidth() - 2 * QrCodes.QUIET_ZONE_MODULES;
        float module = Math.min(MAX_QR_SYMBOL / symbolModules, room / modules.getWidth());
        if (module * symbolModules < MIN_QR_SYMBOL) {
            throw new IllegalArgumentException("the notice text is too long for one page: "
                    + "the QR code would be narrower than 6 cm");
        }
        Qr qr = new Qr(modules, module);
        // What is left is shared above and below the QR group, so the code sits in the open middle.
        float slack = (room - qr.height()) / 2 + MIN_GAP;

        List<Item> page = new ArrayList<>(top);
        page.add(new Gap(slack));
        page.addAll(qrLabel);
        page.add(qr);
        page.addAll(qrCaption);
        page.add(new Gap(slack));
        page.addAll(footer);
        return page;
    }

    private static final float MIN_GAP = 10;

    private static Item pointBox(SurveyNotice.Point point, boolean en, Type type) {
        float inner = WIDTH - 2 * Box.PADDING;
        float nameSize = type.fitSize(point.name(), 30, 20, inner);
        return new Box(List.of(
                type.block(en ? "调查点 · Survey point" : "调查点", 10, 1.3f, false, Align.CENTER, Ink.MUTED, inner),
                type.block(point.name(), nameSize, 1.3f, true, Align.CENTER, Ink.TEXT, inner)));
    }

    private static float height(List<Item> items) {
        float sum = 0;
        for (Item item : items) {
            sum += item.height();
        }
        return sum;
    }

    private static void draw(List<Item> items, PDPageContentStream content) throws IOException {
        float top = MARGIN;
        for (Item item : items) {
            item.draw(content, MARGIN, top);
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
            float at = top + PADDING;
            for (Item item : items) {
                item.draw(content, left + PADDING, at);
                at += item.height();
            }
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

    /** Wrapped lines of one size and style. */
    private record Block(Type type, List<String> lines, float size, float leading, boolean bold, Align align,
                         Ink ink, float width) implements Item {
        /** Noto Sans CJK's ascender, as a share of the font size. */
        private static final float ASCENT = 0.88f;

        @Override
        public float height() {
            return lines.size() * size * leading;
        }

        @Override
        public void draw(PDPageContentStream content, float left, float top) throws IOException {
            content.setNonStrokingColor(ink.gray);
            content.setStrokingColor(ink.gray);
            // The one embedded weight is regular; bold is drawn by stroking the outlines as well.
            content.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            content.setLineWidth(size * 0.035f);
            float lineTop = top;
            for (String line : lines) {
                float x = align == Align.CENTER ? left + (width - type.width(line, size)) / 2 : left;
                content.beginText();
                content.setFont(type.font, size);
                content.newLineAtOffset(x, y(lineTop + (leading - 1) * size / 2 + ASCENT * size));
                content.showText(line);
                content.endText();
                lineTop += size * leading;
            }
            content.setRenderingMode(RenderingMode.FILL);
        }
    }

    /** Measures and wraps text in the embedded font. */
    private static final class Type {
        final PDType0Font font;

        Type(PDType0Font font) {
            this.font = font;
        }

        float width(String text, float size) {
            try {
                return font.getStringWidth(text) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Block block(String text, float size, float leading, boolean bold, Align align, Ink ink, float width) {
            return new Block(this, LineBreaker.wrap(text, line -> width(line, size) <= width), size, leading,
                    bold, align, ink, width);
        }

        /** The largest size up to {@code max} at which the text fits on one line, but never below {@code min}. */
        float fitSize(String text, float max, float min, float width) {
            float natural = width(text, max);
            return natural <= width ? max : Math.max(min, max * width / natural);
        }
    }
}
