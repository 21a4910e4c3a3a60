package com.tanfang.attachment;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The default store: one row per content in table {@code blob}, written by a single insert (so never half
 * stored) that does nothing when the content is there already (content addressing makes the retry of an upload,
 * and 32 identical concurrent uploads, store one row). Selected by {@code tanfang.blobs.store=postgres} (the
 * default); {@link S3BlobStore} is the other choice.
 */
@Singleton
@Requires(property = "tanfang.blobs.store", value = "postgres", defaultValue = "postgres")
public class PostgresBlobStore implements BlobStore {
    private final JdbcOperations jdbc;

    public PostgresBlobStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public StoredBlob put(String sha256, String mediaType, byte[] content) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into blob (sha256, media_type, size_bytes, content)"
                    + " values (?, ?, ?, ?) on conflict (sha256) do nothing")) {
                ps.setString(1, sha256);
                ps.setString(2, mediaType);
                ps.setInt(3, content.length);
                ps.setBytes(4, content);
                return ps.executeUpdate();
            }
        });
        return new StoredBlob(sha256, mediaType, content.length);
    }

    @Override
    @Transactional
    public Optional<byte[]> content(String sha256) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select content from blob where sha256 = ?")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    // no content: the row of a blob kept in the S3 store (served only with tanfang.blobs.store=s3)
                    return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    @Transactional
    public boolean exists(String sha256) {
        return BlobRows.exists(jdbc, sha256);
    }
}
