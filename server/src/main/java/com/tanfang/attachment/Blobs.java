package com.tanfang.attachment;

import com.tanfang.message.InvalidException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every attachment passes before the store sees it: the size limit (413), an accepted media type,
 * and the SHA-256 the client computed at capture, recomputed here over the bytes received (a mismatch means the
 * bytes changed on the way, e.g. an iPad that sent only part of a file: refused, nothing stored).
 */
@Singleton
public class Blobs {
    public static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    /** Documents (findings and the client's answers to them, issue 12): PDF only, recognised by its content. */
    public static final String PDF = "application/pdf";
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final BlobStore store;

    public Blobs(BlobStore store) {
        this.store = store;
    }

    /** Checks and stores a photo; returns what is stored. */
    public BlobStore.StoredBlob putPhoto(byte[] content, String declaredSha256, String mediaType) {
        if (content.length > BlobStore.MAX_BYTES) {
            throw tooLarge();
        }
        if (content.length == 0) {
            throw InvalidException.field("body", "attachment.empty");
        }
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (!PHOTO_TYPES.contains(type)) {
            throw InvalidException.field("Content-Type", "attachment.media_type", type, String.join(", ", PHOTO_TYPES));
        }
        return store.put(checkedSha256(content, declaredSha256), type, content);
    }

    /**
     * Checks and stores a PDF document: the same size limit and SHA-256 check as a photo, and the content must
     * start with the {@code %PDF-} magic whatever the declared type says (a renamed executable or a Word file is
     * refused, nothing stored).
     */
    public BlobStore.StoredBlob putDocument(byte[] content, String declaredSha256) {
        if (content.length > BlobStore.MAX_BYTES) {
            throw tooLarge();
        }
        if (content.length == 0) {
            throw InvalidException.field("body", "attachment.empty");
        }
        if (!isPdf(content)) {
            throw InvalidException.field("body", "attachment.not_pdf");
        }
        String actual = checkedSha256(content, declaredSha256);
        return store.put(actual, PDF, content);
    }

    /**
     * What the bytes are, by their first bytes (never by the declared type): a JPEG, PNG or WebP photo, a PDF, or
     * empty for anything else.
     */
    public static java.util.Optional<String> sniff(byte[] c) {
        if (c.length >= 4 && (c[0] & 0xFF) == 0xFF && (c[1] & 0xFF) == 0xD8) { // JPEG: the SOI marker
            return java.util.Optional.of("image/jpeg");
        }
        if (c.length >= 8 && (c[0] & 0xFF) == 0x89 && c[1] == 'P' && c[2] == 'N' && c[3] == 'G') {
            return java.util.Optional.of("image/png");
        }
        if (c.length >= 12 && c[0] == 'R' && c[1] == 'I' && c[2] == 'F' && c[3] == 'F' && c[8] == 'W' && c[9] == 'E'
                && c[10] == 'B' && c[11] == 'P') {
            return java.util.Optional.of("image/webp");
        }
        return isPdf(c) ? java.util.Optional.of(PDF) : java.util.Optional.empty();
    }

    private static boolean isPdf(byte[] c) {
        if (c.length < PDF_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < PDF_MAGIC.length; i++) {
            if (c[i] != PDF_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String checkedSha256(byte[] content, String declaredSha256) {
        String declared = declaredSha256 == null ? "" : declaredSha256.toLowerCase(Locale.ROOT);
        if (!declared.matches("[0-9a-f]{64}")) {
            throw InvalidException.field("sha256", "attachment.sha256_format");
        }
        String actual = sha256(content);
        if (!actual.equals(declared)) {
            throw InvalidException.field("sha256", "attachment.sha256_mismatch", declared, actual, content.length);
        }
        return actual;
    }

    /** The 413 the API answers for a body over {@link BlobStore#MAX_BYTES} (rendered as problem+json). */
    public static HttpStatusException tooLarge() {
        return new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "An attachment may have at most " + BlobStore.MAX_BYTES + " bytes");
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
