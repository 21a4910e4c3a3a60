package com.tanfang.survey.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A place where the survey notice hangs (a stairwell, a counter); its unguessable token is in the QR code. */
@MappedEntity("survey_point")
public record SurveyPoint(@Id @GeneratedValue @Nullable Long id, long campaignId, long locationId, String token,
                          @Nullable Instant revokedAt, @DateCreated @Nullable Instant createdAt) {
}
