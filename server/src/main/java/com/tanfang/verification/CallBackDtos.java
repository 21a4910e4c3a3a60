package com.tanfang.verification;

import com.tanfang.survey.results.SurveyResults;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the call-back API. */
public final class CallBackDtos {
    private CallBackDtos() {
    }

    /**
     * Draw (or, with a reason, redraw) the sample; rate defaults to the campaign's, cut-off to its close. The rate
     * is either {@code rate}, a fraction (0, 1] with at most 4 decimals (0.1 = 10 %, as before), or
     * {@code ratePercent}, a percentage 1..100 with at most 2 decimals (10 = 10 %); not both. Both are checked by
     * {@link CallBacks#rate} so that a 10 given as a fraction is told how to give a percentage.
     */
    @Serdeable
    public record DrawInput(@Nullable BigDecimal rate, @Nullable Instant cutoff, @Nullable @Size(max = 500) String reason,
                            @Nullable BigDecimal ratePercent) {
    }

    /**
     * Enlarge the sample of some points; defaults: the points with a denial, twice the draw's rate (at most 1).
     * The rate is given as for {@link DrawInput}.
     */
    @Serdeable
    public record EnlargeInput(@Nullable @Size(max = 10_000) List<@NotNull Long> pointIds, @Nullable BigDecimal rate,
                               @Nullable BigDecimal ratePercent) {
    }

    /** Undo a denial recorded by mistake: the reason is mandatory and logged. */
    @Serdeable
    public record DenialUndoInput(@NotBlank @Size(max = 500) String reason) {
    }

    @Serdeable
    public record AssignInput(@Nullable Long verifierId) {
    }

    /**
     * One call's outcome. Without a prior "show the number" by the same user on this item, {@code noRevealReason}
     * must say why (e.g. "called from the face-to-face sheet"); it is stored with the attempt and logged.
     */
    @Serdeable
    public record AttemptInput(@NotNull CallBackRecords.Outcome outcome, @Nullable Long questionId,
                               @Nullable @Size(max = 500) String note, @Nullable @Size(max = 500) String noRevealReason) {
    }

    @Serdeable
    public record DrawView(long id, BigDecimal rate, Instant cutoff, String seed, String commitment, int eligible,
                           int onlineWithoutPhone, int sampleSize, @Nullable String reason, long drawnBy,
                           Instant drawnAt, boolean active, @Nullable Long supersededBy) {
    }

    @Serdeable
    public record ItemView(long id, long campaignId, String campaignTitleZh, @Nullable String campaignTitleEn,
                           long responseId, long pointId, String locationName, CallBackRecords.AddedAs addedAs,
                           @Nullable Long assignedTo, @Nullable String assigneeName, @Nullable CallBackRecords.Outcome outcome,
                           @Nullable Long differsQuestionId, int failedAttempts, @Nullable String maskedPhone,
                           boolean phonePurged) {
    }

    /** A 95 % Wilson interval, in percent with 2 decimals. */
    @Serdeable
    public record RateView(long successes, long trials, BigDecimal percent, BigDecimal low, BigDecimal high) {
    }

    @Serdeable
    public record Progress(int called, int pending, int confirmed, int denied, int differs, int unreachable,
                           @Nullable RateView confirmationRate, @Nullable RateView denialRate, boolean denialAlarm,
                           BigDecimal maxDenialRate, int attemptsBeforeUnreachable, int enlarged, int enlargedPending) {
    }

    /**
     * The lead's view of a campaign's call-backs: the active draw, earlier draws, progress and the called items.
     * {@code reserveLeftAtDenialPoints}: how many respondents an enlargement of the points with denials could still
     * add; {@code added}: set only in the answer to an enlargement (how many it added).
     */
    @Serdeable
    public record Overview(long campaignId, String commitment, @Nullable DrawView draw, List<DrawView> history,
                           @Nullable Progress progress, List<ItemView> items, List<Long> pointsWithDenials,
                           @Nullable BigDecimal suggestedEnlargedRate, int reserveLeftAtDenialPoints,
                           @Nullable Integer added) {
    }

    @Serdeable
    public record QueueView(List<ItemView> items, int mine, int done, long unassigned) {
    }

    @Serdeable
    public record ScriptQuestion(long questionId, String textZh, String textEn, @Nullable Integer answer) {
    }

    @Serdeable
    public record AttemptView(CallBackRecords.Outcome outcome, @Nullable Long questionId, @Nullable String note, Instant at,
                              long userId, @Nullable String noRevealReason) {
    }

    /**
     * One item as the verifier works it: the script's two questions with the respondent's answers, the name of the
     * certification body the verifier calls for, and whether this user has shown the number (then no reason is needed).
     */
    @Serdeable
    public record ItemDetail(ItemView item, List<ScriptQuestion> script, List<ScriptQuestion> questions,
                             List<AttemptView> attempts, int attemptsBeforeUnreachable, String certificationBody,
                             boolean revealedByMe) {
    }

    @Serdeable
    public record Revealed(long itemId, String phone, String tel) {
    }

    /**
     * One survey point (stratum): sizes, outcomes, and the drawn order (initial sample, then the reserve in the
     * order it is used) so that anyone can check it against the revealed seed; the point's confirmation rate
     * (confirmed and differing over reached, 95 % Wilson interval; null before anybody was reached).
     */
    @Serdeable
    public record PointReport(long pointId, String locationName, int eligible, int sample, int reserve,
                              int reserveLeft, int called, int replacements, int enlargements, int confirmed,
                              int denied, int differs, int unreachable, int pending, List<Long> sampleIds,
                              List<Long> reserveIds, @Nullable RateView confirmationRate) {
    }

    @Serdeable
    public record Excluded(long responseId, long pointId, String locationName) {
    }

    @Serdeable
    public record Differs(long responseId, long questionId) {
    }

    @Serdeable
    public record Report(long campaignId, DrawView draw, int redraws, List<PointReport> points, PointReport total,
                         Progress progress, List<Excluded> excluded, List<Differs> differs,
                         SurveyResults.Results resultsBefore, SurveyResults.Results resultsAfter) {
    }
}
