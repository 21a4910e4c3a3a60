package com.tanfang.survey.intake;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * A respondent's submission as it arrives (from the HTML form or the JSON API). Answers map question ids to
 * 1..5, 0 for "don't know", or {@link #NOT_APPLICABLE} (-1) for N/A (不涉及) where the question offers it.
 * {@code renderedAt}/{@code signature} come from the form and prove when it was shown.
 */
@Serdeable
public record Submission(@Nullable @Size(max = 64) String submissionId, @Nullable Long renderedAt,
                         @Nullable @Size(max = 200) String signature,
                         @Nullable @Size(max = 1000) Map<String, Integer> answers,
                         @Nullable @Size(max = Submissions.MAX_COMMENT) String comment,
                         @Nullable @Size(max = 40) String phone, @Nullable Boolean phoneConsent,
                         @Nullable @Size(max = 10) String language) {
    /** The answer value for N/A (不涉及): only on questions whose scheme item allows it. */
    public static final int NOT_APPLICABLE = -1;
    /** The answer value for "don't know" (any question). */
    public static final int DONT_KNOW = 0;

    /** Where it came from, filled in by the server, never by the client. */
    public record Origin(@Nullable String browserId, String clientIp, @Nullable String userAgent) {
    }

    /** The outcome: a retried submission gets the same response id back with {@code duplicate = true}. */
    @Serdeable
    public record Receipt(long responseId, String submissionId, boolean duplicate) {
    }
}
