package com.tanfang.document.pdf;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The CJK font every generated document embeds (Noto Sans SC cut to GBK, TrueType outlines; see
 * {@code fonts/FONT.md}): the same file the survey notice uses, read once because it is several MB.
 */
public final class DocumentFont {
    public static final String RESOURCE = "/fonts/NotoSansSC-Notice.ttf";
    /** The CSS family name documents use; the layout sets it on the whole page. */
    public static final String FAMILY = "Noto Sans SC";

    private static volatile byte[] bytes;
    private static volatile Font awt;

    private DocumentFont() {
    }

    public static byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            synchronized (DocumentFont.class) {
                b = bytes;
                if (b == null) {
                    try (InputStream in = DocumentFont.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("font " + RESOURCE + " is missing from the classpath");
                        }
                        b = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bytes = b;
                }
            }
        }
        return b;
    }

    /** The same font for Java2D (charts), at the given size. */
    public static Font awt(float size) {
        Font f = awt;
        if (f == null) {
            synchronized (DocumentFont.class) {
                f = awt;
                if (f == null) {
                    try {
                        f = Font.createFont(Font.TRUETYPE_FONT, new java.io.ByteArrayInputStream(bytes()));
                    } catch (FontFormatException | IOException e) {
                        throw new IllegalStateException("font " + RESOURCE + " cannot be read", e);
                    }
                    awt = f;
                }
            }
        }
        return f.deriveFont(size);
    }
}
