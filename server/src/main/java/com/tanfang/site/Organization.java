package com.tanfang.site;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A client organisation under evaluation (a property manager, a homestay, a bus company ...). */
@Serdeable
@MappedEntity("organization")
public record Organization(@Id @GeneratedValue @Nullable Long id, String name, @Nullable String nameEn,
                           @Nullable String creditCode, @Nullable String contact, @Nullable String phone,
                           @DateCreated @Nullable Instant createdAt) {
}
