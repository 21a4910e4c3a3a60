package com.tanfang.document.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Test helper: what a generated PDF holds, read back through PDFBox as a reader would. */
public final class PdfPages {
    private PdfPages() {
    }

    public static int pageCount(byte[] pdf) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return d.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of every page, in order. */
    public static String text(byte[] pdf) {
        return strip(pdf, 1, Integer.MAX_VALUE);
    }

    /** The text of one page (1-based). */
    public static String text(byte[] pdf, int page) {
        return strip(pdf, page, page);
    }

    /** One page (1-based) rendered to an image at {@code dpi}. */
    public static BufferedImage image(byte[] pdf, int page, int dpi) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFRenderer(d).renderImageWithDPI(page - 1, dpi, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(byte[] pdf, int page, int dpi) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(pdf, page, dpi), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * True when some character was drawn without a glyph: the font's .notdef (glyph 0, the "tofu" box), or the
     * '#' openhtmltopdf substitutes for a character no registered font has (it never occurs in our documents'
     * own texts, so any '#' in the extracted text is a substitution).
     */
    public static boolean hasTofu(byte[] pdf) {
        boolean[] tofu = {false};
        try (PDDocument d = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        PDFont font = p.getFont();
                        for (int code : p.getCharacterCodes()) {
                            if (font instanceof PDType0Font t0 && t0.codeToGID(code) == 0) {
                                tofu[0] = true;
                            }
                        }
                        if ("#".equals(p.getUnicode())) {
                            tofu[0] = true;
                        }
                    }
                    super.writeString(text, positions);
                }
            };
            stripper.getText(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tofu[0];
    }

    private static String strip(byte[] pdf, int from, int to) {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(from);
            stripper.setEndPage(Math.min(to, d.getNumberOfPages()));
            return stripper.getText(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
