package com.tanfang.document.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.inject.Singleton;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.logging.Level;

/**
 * The one document pipeline: a precompiled JTE template (HTML auto-escaped, so a name typed by a client cannot
 * inject markup) renders a model to HTML; openhtmltopdf lays it out (CSS paged media: running header, "page x of
 * y", table headers repeated, rows kept whole) onto a PDFBox document with the CJK font embedded as a subset.
 *
 * <p>Output is reproducible: the same model gives the same bytes. The PDF carries no creation or modification
 * time, a fixed producer, and a document id derived from the HTML (PDFBox would otherwise leave it to chance), so
 * a report stored with its SHA-256 can be regenerated from its signed revision and compared byte for byte.
 */
@Singleton
public class PdfDocuments {
    static final String PRODUCER = "Tanfang document pipeline (openhtmltopdf, PDFBox)";

    static {
        // openhtmltopdf logs every stylesheet parse and font load at INFO through java.util.logging, on stderr;
        // keep its warnings (a missing glyph, a bad CSS property), drop the chatter.
        XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
    }

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    /** The HTML a template gives for its model (its one {@code @param}). */
    public String html(String template, Object model) {
        StringOutput out = new StringOutput();
        templates.render(template, model, out);
        return out.toString();
    }

    /** The PDF of a template and its model. */
    public byte[] pdf(String template, Object model) {
        return pdfFromHtml(html(template, model));
    }

    /**
     * The PDF of a whole HTML page (XHTML-compatible: openhtmltopdf parses it with its HTML5 parser, so templates
     * may write ordinary HTML). Images must be inline ({@link #dataUri}): the renderer fetches nothing.
     */
    public byte[] pdfFromHtml(String html) {
        try (PDDocument document = new PDDocument();
             // The font stays open until save, which is when PDFBox writes the subset of the glyphs used.
             TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(DocumentFont.bytes()))) {
            PDType0Font font = PDType0Font.load(document, ttf, true);
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(document);
            builder.withProducer(PRODUCER);
            // One face serves every weight: without a bold face registered, bold text would fall back to a
            // font without Chinese glyphs.
            for (int weight : new int[]{400, 700}) {
                builder.useFont(new PDFontSupplier(font), DocumentFont.FAMILY, weight,
                        BaseRendererBuilder.FontStyle.NORMAL, true);
            }
            builder.withHtmlContent(html, null);
            builder.useUriResolver((base, uri) -> uri.startsWith("data:") ? uri : null);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.createPDFWithoutClosing();
            }
            makeReproducible(document, html);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code data:image/png;base64,...} for an {@code <img src>}: the renderer loads nothing from outside. */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static void makeReproducible(PDDocument document, String html) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setCreationDate(null);
        info.setModificationDate(null);
        info.setProducer(PRODUCER);
        byte[] id = Arrays.copyOf(sha256(html.getBytes(StandardCharsets.UTF_8)), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
