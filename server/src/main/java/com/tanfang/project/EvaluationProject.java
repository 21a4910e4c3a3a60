package com.tanfang.project;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An evaluation of one organisation's site against one published scheme version, by one audit team. {@code title}
 * is the Chinese title (required), {@code titleEn} the English one (optional; pages fall back to the other).
 */
@Serdeable
@MappedEntity("evaluation_project")
public record EvaluationProject(@Id @GeneratedValue @Nullable Long id, long organizationId, long siteId,
                                long schemeVersionId, EvaluationType evaluationType, String title,
                                @Nullable String titleEn, long leadUserId,
                                int retentionDays, @DateCreated @Nullable Instant createdAt) {

    public enum EvaluationType { INITIAL, SURVEILLANCE, RECERTIFICATION }
}
