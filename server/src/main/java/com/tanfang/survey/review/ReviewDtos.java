package com.tanfang.survey.review;

import com.tanfang.message.Message;
import com.tanfang.survey.campaign.SurveyResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Bodies of the review API. */
public final class ReviewDtos {
    private ReviewDtos() {
    }

    /** Why a lead undoes an exclusion; mandatory, like the exclusion's own reason. */
    @Serdeable
    public record ExclusionUndo(@NotBlank @Size(max = 500) String reason) {
    }

    /** One answer: {@code value} 1..5, null for "don't know". */
    @Serdeable
    public record Answer(long questionId, @Nullable Integer value) {
    }

    /** {@code reason} is sent as code, args and text in the caller's language. */
    @Serdeable
    public record Flag(String kind, Message reason) {
    }

    /** Who left the response out, when, why and on what grounds ({@link ExclusionCause}). */
    @Serdeable
    public record Exclusion(ExclusionCause cause, String reason, @Nullable Long byUserId, @Nullable String byName,
                            @Nullable Instant at) {
    }

    /** One exclusion or undo from the evidence log, oldest first. */
    @Serdeable
    public record HistoryEntry(String action, @Nullable String cause, @Nullable String reason, @Nullable Long byUserId,
                               @Nullable String byName, Instant at) {
    }

    /**
     * A response as the team reviews it. {@code supersededBy}/{@code supersededAt}: the respondent amended it
     * (V7); it no longer counts and {@code currentId} is the version that does. {@code exclusion}: null when the
     * response counts; {@code history}: every exclusion and undo, from the evidence log.
     */
    @Serdeable
    public record ResponseView(long id, long pointId, String locationCode, String locationName,
                               SurveyResponse.Channel channel, Instant submittedAt, @Nullable Long secondsTaken,
                               @Nullable String maskedPhone, @Nullable String comment, List<Answer> answers,
                               List<Flag> flags, boolean excluded, @Nullable String excludedReason,
                               @Nullable Exclusion exclusion, List<HistoryEntry> history,
                               @Nullable Long supersededBy, @Nullable Instant supersededAt, @Nullable Long currentId) {
    }
}
