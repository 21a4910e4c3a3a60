package com.tanfang.survey.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One respondent's answers, online (QR code) or offline (face to face with two auditors). */
@MappedEntity("survey_response")
public record SurveyResponse(@Id @GeneratedValue @Nullable Long id, long campaignId, long pointId, Channel channel,
                             String submissionId, @Nullable String browserId, @Nullable String clientIp,
                             @Nullable String userAgent, @Nullable Instant startedAt, Instant submittedAt,
                             @Nullable String language, @Nullable String phoneCipher, @Nullable String phoneHash,
                             @Nullable Instant phonePurgedAt, @Nullable String comment, @Nullable Long enteredBy,
                             @Nullable Long secondAuditor, boolean staffAbsentAttested, boolean excluded,
                             @Nullable String excludedReason, @Nullable Long excludedBy, @Nullable Instant excludedAt) {

    public enum Channel { ONLINE, OFFLINE }

    /** This response as stored under {@code newId}. */
    public SurveyResponse withId(long newId) {
        return new SurveyResponse(newId, campaignId, pointId, channel, submissionId, browserId, clientIp, userAgent,
                startedAt, submittedAt, language, phoneCipher, phoneHash, phonePurgedAt, comment, enteredBy,
                secondAuditor, staffAbsentAttested, excluded, excludedReason, excludedBy, excludedAt);
    }
}
