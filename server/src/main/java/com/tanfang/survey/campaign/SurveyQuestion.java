package com.tanfang.survey.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A Likert question; {@code itemCode} is the scheme item it scores (null for an unscored overall question). */
@Serdeable
@MappedEntity("survey_question")
public record SurveyQuestion(@Id @GeneratedValue @Nullable Long id, long campaignId, int position,
                             @Nullable String itemCode, String textZh, String textEn, boolean overall) {
}
