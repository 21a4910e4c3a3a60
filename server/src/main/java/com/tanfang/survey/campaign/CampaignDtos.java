package com.tanfang.survey.campaign;

import com.tanfang.message.Message;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the campaign API. */
public final class CampaignDtos {
    private CampaignDtos() {
    }

    @Serdeable
    public record CampaignInput(@NotBlank @Size(max = 200) String titleZh, @Nullable @Size(max = 200) String titleEn,
                                @Nullable @Size(max = 1000) String introZh, @Nullable @Size(max = 1000) String introEn,
                                @NotNull Instant opensAt, @NotNull Instant closesAt, @Nullable Boolean english,
                                @Nullable SurveyCampaign.PhoneMode phoneMode, @Nullable Boolean commentAllowed,
                                @Nullable Boolean overallQuestion, @Nullable @Size(max = 1000) List<@NotNull @Size(max = 64) String> itemCodes,
                                @Nullable @Size(max = 10_000) List<@NotNull Long> locationIds,
                                @Nullable @Digits(integer = 1, fraction = 6) @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal callbackRate,
                                @Nullable @Digits(integer = 3, fraction = 6) @DecimalMin("0") @DecimalMax("100") BigDecimal lowScoreThreshold) {
    }

    @Serdeable
    public record PointView(long id, long locationId, String locationCode, String locationName,
                            @Nullable Integer households, String url) {
    }

    @Serdeable
    public record CampaignView(long id, long projectId, String titleZh, @Nullable String titleEn, @Nullable String introZh,
                               @Nullable String introEn, Instant opensAt, Instant closesAt, SurveyCampaign.State state,
                               boolean english, SurveyCampaign.PhoneMode phoneMode, boolean commentAllowed,
                               String callbackSeedSha256, BigDecimal callbackRate, BigDecimal lowScoreThreshold,
                               List<SurveyQuestion> questions, List<PointView> points) {
    }

    @Serdeable
    public record OfflineInput(@NotBlank @Size(max = 64) String submissionId, @NotNull Long pointId, @NotNull Long secondAuditorId,
                               @NotNull @AssertTrue(message = "the provider's staff must have been away") Boolean staffAbsent,
                               @NotNull @Size(max = 1000) Map<String, Integer> answers, @Nullable @Size(max = 1000) String comment,
                               @Nullable Instant interviewedAt) {
    }

    @Serdeable
    public record Exclusion(@NotBlank @Size(max = 500) String reason) {
    }

    @Serdeable
    public record ResponseView(long id, long pointId, SurveyResponse.Channel channel, Instant submittedAt,
                               @Nullable Long secondsTaken, @Nullable String maskedPhone, @Nullable String comment,
                               boolean excluded, @Nullable String excludedReason, List<FlagView> flags,
                               Map<Long, Integer> answers) {
    }

    @Serdeable
    /** {@code reason} is sent as code, args and text in the caller's language. */
    public record FlagView(String kind, Message reason) {
    }
}
