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
        String declared = declaredSha256 == null ? "" : declaredSha256.toLowerCase(Locale.ROOT);
        if (!declared.matches("[0-9a-f]{64}")) {
            throw InvalidException.field("sha256", "attachment.sha256_format");
        }
        String actual = sha256(content);
        if (!actual.equals(declared)) {
            throw InvalidException.field("sha256", "attachment.sha256_mismatch", declared, actual, content.length);
        }
        return store.put(actual, type, content);
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
