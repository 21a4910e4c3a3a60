package com.tanfang.attachment;

import java.util.Optional;

/**
 * Where attachment bytes live, addressed by the SHA-256 of their content. A put either stores the whole content
 * or nothing; putting the same content twice stores it once.
 */
public interface BlobStore {
    /** Largest attachment accepted (15 MB): a phone scales photos down to far less (about 1600 px, JPEG). */
    int MAX_BYTES = 15 * 1024 * 1024;

    /** What is stored: its key, type and size. */
    record StoredBlob(String sha256, String mediaType, int sizeBytes) {
    }

    /** Stores {@code content} (already hash-checked by the caller, see {@link Blobs}) under its SHA-256. */
    StoredBlob put(String sha256, String mediaType, byte[] content);

    Optional<byte[]> content(String sha256);

    boolean exists(String sha256);
}
