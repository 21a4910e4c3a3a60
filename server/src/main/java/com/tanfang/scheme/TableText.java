package com.tanfang.scheme;

import com.tanfang.message.InvalidException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The text of an uploaded CSV item table, decoded without guessing wrong (issue 11: a GBK file used to import as
 * mojibake). Order: a UTF-16 byte-order mark (Excel's "Unicode text", tab-separated) → UTF-16; a UTF-8 BOM →
 * strict UTF-8; bytes that are valid UTF-8 → UTF-8; else strict GB18030 (GBK and GB2312 are subsets). Every decoder
 * REPORTs malformed input, so nothing is ever replaced by U+FFFD. Bytes that decode as neither, or text holding
 * control characters (a binary file that happens to decode), are a 400 naming the accepted encodings. The caller
 * may name the encoding ({@code UTF-8}, {@code GB18030}, {@code GBK}); then only that one is tried.
 */
public final class TableText {
    /** What a caller may name in {@code charset}. */
    public static final List<String> CHARSETS = List.of("UTF-8", "GB18030", "GBK");

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset GBK = Charset.forName("GBK");

    private TableText() {}

    /** The decoded text (without a BOM), or an {@link InvalidException} on {@code field}. */
    public static String decode(byte[] bytes, String charset, String field) {
        if (charset != null && !charset.isBlank()) {
            Charset named = switch (charset.trim().toUpperCase(Locale.ROOT)) {
                case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
                case "GB18030" -> GB18030;
                case "GBK", "GB2312", "CP936" -> GBK;
                default -> throw InvalidException.field("charset", "table.charset_unknown", charset, String.join(", ", CHARSETS));
            };
            int skip = named == StandardCharsets.UTF_8 && hasUtf8Bom(bytes) ? 3 : 0;
            String text = strict(named, bytes, skip);
            if (text == null) {
                throw InvalidException.field(field, "table.not_in_charset", named.name());
            }
            return textual(text, field);
        }
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            Charset utf16 = bytes[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            String text = strict(utf16, bytes, 2);
            if (text == null) {
                throw InvalidException.field(field, "table.not_in_charset", "UTF-16");
            }
            return textual(text, field);
        }
        String utf8 = strict(StandardCharsets.UTF_8, bytes, hasUtf8Bom(bytes) ? 3 : 0);
        if (utf8 != null) {
            return textual(utf8, field);
        }
        String gb = strict(GB18030, bytes, 0);
        if (gb != null) {
            return textual(gb, field);
        }
        throw InvalidException.field(field, "table.unknown_encoding");
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
    }

    private static String strict(Charset charset, byte[] bytes, int skip) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A table is text: tabs and line breaks, no other control characters (those mean a binary file). */
    private static String textual(String text, String field) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                throw InvalidException.field(field, "table.not_text");
            }
        }
        return text;
    }
}
