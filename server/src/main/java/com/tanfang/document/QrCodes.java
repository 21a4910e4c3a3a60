package com.tanfang.document;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * QR codes for survey links, as PNG, SVG or the bare module grid (which the printed notice draws as
 * vectors). Every output comes from the same {@link #modules} grid, so testing one form tests them all.
 */
public final class QrCodes {
    /** The quiet zone the QR standard asks for; scanners struggle when a notice's border comes closer. */
    public static final int QUIET_ZONE_MODULES = 4;

    private QrCodes() {
    }

    /** A horizontal run of dark modules; drawing runs instead of single modules keeps SVG and PDF small. */
    public record Run(int x, int y, int length) {
    }

    /**
     * The module grid, one bit per module, quiet zone included. Level M survives a scuffed or partly
     * covered notice (15% of codewords) without making the code too dense for long links.
     */
    public static BitMatrix modules(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is empty");
        }
        Map<EncodeHintType, Object> hints = Map.of(
                EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
                EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        try {
            // Size 0 asks ZXing for one unit per module; scaling is ours so all outputs agree.
            return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("url does not fit in a QR code: " + e.getMessage(), e);
        }
    }

    /** The dark modules, row by row, as horizontal runs. */
    public static List<Run> runs(BitMatrix modules) {
        List<Run> runs = new ArrayList<>();
        for (int y = 0; y < modules.getHeight(); y++) {
            int x = 0;
            while (x < modules.getWidth()) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < modules.getWidth() && modules.get(x, y)) {
                    x++;
                }
                runs.add(new Run(start, y, x - start));
            }
        }
        return runs;
    }

    /**
     * A square PNG of exactly {@code sizePx} pixels. Modules are whole pixels (blurred module edges
     * scan badly), so the code is centred and the leftover pixels widen the white border.
     */
    public static byte[] png(String url, int sizePx) {
        BufferedImage image = image(modules(url), sizePx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage image(BitMatrix modules, int sizePx) {
        int count = modules.getWidth();
        int scale = sizePx / count;
        if (scale < 1) {
            throw new IllegalArgumentException(
                    "QR code needs at least " + count + " px, " + sizePx + " px asked");
        }
        int offset = (sizePx - scale * count) / 2;
        BufferedImage image = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sizePx, sizePx);
            g.setColor(Color.BLACK);
            for (Run run : runs(modules)) {
                g.fillRect(offset + run.x() * scale, offset + run.y() * scale, run.length() * scale, scale);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A self-contained SVG whose viewBox counts modules; it scales to any size without blurring. */
    public static String svg(String url) {
        return svg(modules(url));
    }

    static String svg(BitMatrix modules) {
        int count = modules.getWidth();
        StringBuilder path = new StringBuilder();
        for (Run run : runs(modules)) {
            path.append('M').append(run.x()).append(' ').append(run.y())
                    .append('h').append(run.length()).append("v1h-").append(run.length()).append('z');
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + count + ' ' + count + "\""
                + " shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + count + "\" height=\"" + count + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
