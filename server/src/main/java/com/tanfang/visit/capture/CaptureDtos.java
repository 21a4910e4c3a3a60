package com.tanfang.visit.capture;

import com.tanfang.visit.AuditWay;
import com.tanfang.visit.Checklist;
import com.tanfang.visit.Position;
import com.tanfang.visit.store.VisitRecords;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the capture API (and the visit detail the review shows too). */
public final class CaptureDtos {
    private CaptureDtos() {
    }

    @Serdeable
    public record MyVisits(List<VisitRecords.Summary> today, List<VisitRecords.Summary> upcoming,
                           List<VisitRecords.Summary> other) {
    }

    /** A check-in or check-out. {@code deviceSentAt}: the phone's clock when it sent this (for the skew). */
    @Serdeable
    public record PositionInput(@NotNull Instant deviceAt, @Nullable Instant deviceSentAt,
                                @Nullable @DecimalMin("-90") @DecimalMax("90") Double latitude,
                                @Nullable @DecimalMin("-180") @DecimalMax("180") Double longitude,
                                @Nullable @PositiveOrZero @DecimalMax("100000") Double accuracyMeters,
                                @Nullable Position.CoordinateSystem coordinateSystem) {
    }

    @Serdeable
    public record AnswerInput(@NotNull UUID clientId, @NotNull Integer visitVersion,
                              @NotBlank @Size(max = 100) String itemCode,
                              @Nullable @Digits(integer = 8, fraction = 4) BigDecimal value,
                              @Nullable Boolean notApplicable, @Nullable @Size(max = 1000) String notApplicableReason,
                              @Nullable @Size(max = 4000) String note,
                              @Nullable @Min(0) @Max(86400) Integer secondsSpent, @Nullable Instant deviceAt,
                              @Nullable AuditWay way) {
    }

    @Serdeable
    public record SubmitInput(@NotNull Integer visitVersion) {
    }

    @Serdeable
    public record AnswerView(UUID clientId, String itemCode, @Nullable BigDecimal value, boolean notApplicable,
                             @Nullable String notApplicableReason, @Nullable String note,
                             @Nullable Integer secondsSpent, @Nullable Instant deviceAt, long createdBy,
                             @Nullable Instant storedAt, @Nullable Instant supersededAt, @Nullable AuditWay way) {
        public static AnswerView of(VisitRecords.AnswerRow a) {
            return new AnswerView(a.clientId(), a.itemCode(), a.value(), a.notApplicable(), a.notApplicableReason(),
                    a.note(), a.secondsSpent(), a.deviceAt(), a.createdBy(), a.createdAt(), a.supersededAt(), a.way());
        }
    }

    /** An answer as stored, and the visit's version to send with the next edit. */
    @Serdeable
    public record AnswerStored(AnswerView answer, int visitVersion) {
    }

    @Serdeable
    public record PhotoView(long id, UUID clientId, @Nullable String itemCode, String sha256, String mediaType,
                            int sizeBytes, @Nullable Instant capturedAt, @Nullable Double latitude,
                            @Nullable Double longitude, @Nullable Double accuracyMeters, @Nullable Instant storedAt,
                            String url, String thumbnailUrl, List<Long> alsoInVisits) {
    }

    @Serdeable
    public record PhotoStored(PhotoView photo, int visitVersion) {
    }

    @Serdeable
    public record CommentView(long id, @Nullable String itemCode, String text, int round, long createdBy,
                              @Nullable Instant createdAt) {
    }

    /**
     * Where and when the rater checked in or out. Coordinates as the phone gave them, in {@code coordinateSystem}
     * (WGS-84 from the browser's Geolocation API, or GCJ-02 from WeChat's JSSDK); the distance is computed in
     * WGS-84 to the site's coordinates (stored in WGS-84), {@code far} when beyond the project's farMeters plus
     * the position's accuracy; {@code skewMs} = device clock minus server clock when it was received.
     */
    @Serdeable
    public record PositionView(Instant serverAt, @Nullable Instant deviceAt, @Nullable Long skewMs,
                               @Nullable Double latitude, @Nullable Double longitude, @Nullable Double accuracyMeters,
                               @Nullable String coordinateSystem, @Nullable Double distanceToSiteMeters,
                               @Nullable Boolean far, boolean outsideWindow) {
    }

    /**
     * A visit as the caller may see it: with ratings, or (blind rule) without until both raters submitted.
     * {@code decisionReason}: the lead's reason of a rejection or of a withdrawn approval (the phone shows it).
     */
    @Serdeable
    public record VisitDetail(VisitRecords.Summary visit, @Nullable Double siteLatitude,
                              @Nullable Double siteLongitude, int farMeters, List<Checklist.Touchpoint> touchpoints,
                              boolean ratingsHidden, List<AnswerView> answers, List<PhotoView> photos,
                              List<CommentView> comments, @Nullable PositionView checkIn,
                              @Nullable PositionView checkOut, boolean rater, boolean readOnly,
                              @Nullable String decisionReason) {
    }
}
