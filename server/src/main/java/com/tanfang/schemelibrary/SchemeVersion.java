package com.tanfang.schemelibrary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One version of a scheme. {@code document} is the validated SchemeDocument as JSON text (jsonb in the
 * database); list queries leave it null.
 */
@MappedEntity("scheme_version")
public record SchemeVersion(@Id Long id, long schemeId, int version, Status status, @Nullable String document,
                            @Nullable String titleZh, @Nullable String titleEn, Instant createdAt,
                            @Nullable Long createdBy, @Nullable Instant publishedAt, @Nullable Long publishedBy) {
    /** A draft may still change; a published version never does (schemes.md). */
    public enum Status { DRAFT, PUBLISHED }

    public boolean draft() {
        return status == Status.DRAFT;
    }
}
