package com.tanfang.document;

import com.google.zxing.common.BitMatrix;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrCodesTest {
    static final String LONG_URL = "https://survey.example.cn/s/Xk3J9qPzT7mVb2Lw8RcN4hYdF6sGa1EuK5oQ";

    @Test
    void pngDecodesToTheExactUrl() throws Exception {
        byte[] png = QrCodes.png(LONG_URL, 600);
        assertEquals(LONG_URL, QrDecoding.decodePng(png));
    }

    @Test
    void smallPngStillDecodesAndHasTheAskedSize() throws Exception {
        byte[] png = QrCodes.png(LONG_URL, 200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(200, image.getWidth());
        assertEquals(200, image.getHeight());
        assertEquals(LONG_URL, QrDecoding.decodePng(png));
    }

    @Test
    void nonAsciiUrlSurvivesAsUtf8() throws Exception {
        String url = "https://survey.example.cn/s/锦绣花园?p=3号楼";
        assertEquals(url, QrDecoding.decodePng(QrCodes.png(url, 400)));
    }

    @Test
    void gridHasTheQuietZone() {
        BitMatrix modules = QrCodes.modules(LONG_URL);
        int count = modules.getWidth();
        for (int i = 0; i < count; i++) {
            for (int edge = 0; edge < QrCodes.QUIET_ZONE_MODULES; edge++) {
                assertFalse(modules.get(i, edge) || modules.get(edge, i)
                        || modules.get(i, count - 1 - edge) || modules.get(count - 1 - edge, i));
            }
        }
        // the finder pattern's corner starts right inside the quiet zone
        assertTrue(modules.get(QrCodes.QUIET_ZONE_MODULES, QrCodes.QUIET_ZONE_MODULES));
    }

    @Test
    void tooSmallPngIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QrCodes.png(LONG_URL, 20));
        assertThrows(IllegalArgumentException.class, () -> QrCodes.png(" ", 200));
    }

    @Test
    void svgIsOnePathInModuleUnitsWithNoExternalReferences() {
        String svg = QrCodes.svg(LONG_URL);
        int count = QrCodes.modules(LONG_URL).getWidth();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + count + " " + count + "\""));
        assertTrue(svg.contains("shape-rendering=\"crispEdges\""));
        assertEquals(1, svg.split("<path", -1).length - 1);
        assertFalse(svg.contains("href"));
        assertFalse(svg.replace("http://www.w3.org/2000/svg", "").contains("http"));
    }

    /** Redraws the SVG's path (our own M x y h n v1 h-n z squares) and scans the picture. */
    @Test
    void svgRedrawnDecodesToTheUrlAndMatchesTheGrid() {
        String svg = QrCodes.svg(LONG_URL);
        BitMatrix modules = QrCodes.modules(LONG_URL);
        int count = modules.getWidth();
        int scale = 8;
        BufferedImage image = new BufferedImage(count * scale, count * scale, BufferedImage.TYPE_BYTE_GRAY);
        BitMatrix redrawn = new BitMatrix(count);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(svg.substring(svg.indexOf(" d=\"")));
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            int length = Integer.parseInt(square.group(3));
            assertEquals(length, Integer.parseInt(square.group(4)));
            g.fillRect(x * scale, y * scale, length * scale, scale);
            redrawn.setRegion(x, y, length, 1);
        }
        g.dispose();
        assertEquals(modules, redrawn);
        assertEquals(LONG_URL, QrDecoding.decode(image));
    }
}
