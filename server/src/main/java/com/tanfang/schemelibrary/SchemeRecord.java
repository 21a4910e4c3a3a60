package com.tanfang.schemelibrary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A scheme's identity: its code (unique, case-insensitive). Its content lives in {@link SchemeVersion}s. */
@MappedEntity("scheme")
public record SchemeRecord(@Id @GeneratedValue @Nullable Long id, String code, boolean builtIn,
                           @DateCreated @Nullable Instant createdAt, @Nullable Long createdBy) {
}
