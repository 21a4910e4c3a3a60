package com.tanfang.site;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A sub-location inside a site (a building, a stairwell, a counter, a bus stop); stairwells and counters later
 * carry survey QR codes. {@code households} is the number of households served, when known, for response rates.
 */
@Serdeable
@MappedEntity("location")
public record Location(@Id @GeneratedValue @Nullable Long id, long siteId, @Nullable Long parentId, LocationKind kind,
                       String code, String name, @Nullable Integer households, int sortOrder,
                       @DateCreated @Nullable Instant createdAt) {

    public enum LocationKind { BUILDING, STAIRWELL, COUNTER, ENTRANCE, FLOOR, STOP, AREA, OTHER }
}
