package com.tanfang.survey.results;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A Content-Disposition for a download named after a (Chinese) title: RFC 6266 with the RFC 5987 {@code filename*}
 * (UTF-8, percent-encoded) that every current browser prefers, and a plain ASCII {@code filename} for the rest.
 * Micronaut's StreamedFile builds one too, but its ASCII fallback turns each Chinese character into an underscore;
 * ours falls back to a readable name instead.
 */
public final class AttachmentName {
    private AttachmentName() {
    }

    /** Characters no file system accepts in a name, and controls: replaced by a space. */
    private static final String FORBIDDEN = "[\\\\/:*?\"<>|\\p{Cntrl}]";

    /**
     * {@code title} and {@code asciiFallback} (used when the title is not plain ASCII) without extension;
     * {@code extension} like "csv".
     */
    public static String header(String title, String asciiFallback, String extension) {
        String name = clean(title);
        String ascii = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !name.isEmpty() ? name : clean(asciiFallback);
        ascii = ascii.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !ascii.isEmpty() ? ascii : "download";
        String utf8 = (name.isEmpty() ? ascii : name) + "." + extension;
        return "attachment; filename=\"" + ascii + "." + extension + "\"; filename*=UTF-8''" + rfc5987(utf8);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll(FORBIDDEN, " ").replaceAll("\\s+", " ").strip();
    }

    /**
     * RFC 5987 value-chars: attr-char stays, everything else is %XX of its UTF-8 bytes. URLEncoder gets close but
     * writes a space as '+' and leaves '*', which attr-char does not allow; '+' is kept only where it encodes a space.
     */
    static String rfc5987(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}
