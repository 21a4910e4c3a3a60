package com.tanfang.site;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A place where the service is delivered: an estate, a shop, a branch, a bus line. */
@Serdeable
@MappedEntity("site")
public record Site(@Id @GeneratedValue @Nullable Long id, long organizationId, String name, @Nullable String nameEn,
                   SiteKind kind, @Nullable String address, @Nullable Double latitude, @Nullable Double longitude,
                   @DateCreated @Nullable Instant createdAt) {

    public enum SiteKind { ESTATE, SHOP, BRANCH, BUS_LINE, HOMESTAY, CARE_HOME, PARK, OTHER }
}
