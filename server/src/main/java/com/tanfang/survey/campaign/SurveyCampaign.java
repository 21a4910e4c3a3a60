package com.tanfang.survey.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;

/** A customer-perception survey of a project, open between two instants. */
@MappedEntity("survey_campaign")
public record SurveyCampaign(@Id @GeneratedValue @Nullable Long id, long projectId, String titleZh,
                             @Nullable String titleEn, @Nullable String introZh, @Nullable String introEn,
                             Instant opensAt, Instant closesAt, boolean english, PhoneMode phoneMode,
                             boolean overallQuestion, boolean commentAllowed, String callbackSeed,
                             String callbackSeedSha256, BigDecimal callbackRate, BigDecimal lowScoreThreshold,
                             @DateCreated @Nullable Instant createdAt) {

    /** Items whose score falls below this (in %) are listed for the team, unless the campaign sets its own. */
    public static final BigDecimal DEFAULT_LOW_SCORE = new BigDecimal("70");

    /** Whether respondents are asked for a phone number for the call-back. */
    public enum PhoneMode { REQUIRED, OPTIONAL, OFF }

    public enum State { NOT_YET_OPEN, OPEN, CLOSED }

    public State state(Instant now) {
        if (now.isBefore(opensAt)) {
            return State.NOT_YET_OPEN;
        }
        return now.isBefore(closesAt) ? State.OPEN : State.CLOSED;
    }
}
