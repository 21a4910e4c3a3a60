package com.tanfang.survey.campaign;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A Likert question; {@code itemCode} is the scheme item it scores (null for an unscored overall question).
 * {@code notApplicableAllowed}: the respondent may answer N/A (不涉及), copied from the scheme item.
 */
@Serdeable
@MappedEntity("survey_question")
public record SurveyQuestion(@Id @GeneratedValue @Nullable Long id, long campaignId, int position,
                             @Nullable String itemCode, String textZh, String textEn, boolean overall,
                             boolean notApplicableAllowed) {
    @Creator
    public SurveyQuestion {
    }

    /** A question without N/A. */
    public SurveyQuestion(@Nullable Long id, long campaignId, int position, @Nullable String itemCode, String textZh,
                          String textEn, boolean overall) {
        this(id, campaignId, position, itemCode, textZh, textEn, overall, false);
    }
}
