package com.tanfang.visit.planning;

import com.tanfang.message.Message;
import com.tanfang.visit.Checklist;
import com.tanfang.visit.EvidenceRequirement;
import com.tanfang.visit.VisitMode;
import com.tanfang.visit.store.VisitRecords;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request and response bodies of the planning API. */
public final class PlanningDtos {
    private PlanningDtos() {
    }

    @Serdeable
    public record SettingsInput(@Nullable LocalDate onSiteAuditDate,
                                @Nullable @Min(0) @Max(365) Integer sameSiteMinDays,
                                @Nullable @Min(0) @Max(50) Integer maxVisitsPerDay,
                                @Nullable @Min(1) @Max(720) Integer claimHoldHours,
                                @Nullable @Min(50) @Max(100000) Integer farMeters) {
    }

    @Serdeable
    public record SettingsView(long projectId, @Nullable LocalDate onSiteAuditDate, int sameSiteMinDays,
                               int maxVisitsPerDay, int claimHoldHours, int farMeters) {
        static SettingsView of(VisitRecords.Settings s) {
            return new SettingsView(s.projectId(), s.onSiteAuditDate(), s.sameSiteMinDays(), s.maxVisitsPerDay(),
                    s.claimHoldHours(), s.farMeters());
        }
    }

    @Serdeable
    public record ItemChoiceInput(@NotBlank @Size(max = 100) String itemCode, @NotNull VisitMode mode,
                                  @Nullable @Size(max = 2000) String guidanceZh,
                                  @Nullable @Size(max = 2000) String guidanceEn,
                                  @Nullable EvidenceRequirement evidence) {
    }

    @Serdeable
    public record ItemChoicesInput(@NotNull @Size(max = 1000) List<@Valid @NotNull ItemChoiceInput> items) {
    }

    /** The project's visit checklist: every visitable item with its choice, by touchpoint. */
    @Serdeable
    public record ChecklistView(long projectId, String schemeCode, List<Checklist.Touchpoint> touchpoints) {
    }

    @Serdeable
    public record PlanInput(@Nullable Long locationId, @NotNull VisitMode mode, @NotNull Instant windowFrom,
                            @NotNull Instant windowTo, @Nullable @Size(max = 40) String timeOfDay,
                            @Nullable @Min(1) @Max(2) Integer raters, @Nullable @Min(1) @Max(720) Integer reportDueHours,
                            @Nullable @Size(max = 4000) String scenario,
                            @Nullable @Size(max = 2) List<@NotNull Long> raterIds,
                            @Nullable Boolean offerToPool) {
    }

    /** A rule's finding: which rule, warning or refusal, and why (in the caller's language). */
    @Serdeable
    public record RuleFinding(String rule, String severity, Message message) {
    }

    @Serdeable
    public record PlanView(long planId, List<VisitRecords.Summary> visits, List<RuleFinding> warnings) {
    }

    @Serdeable
    public record AssignInput(@NotNull Long raterId) {
    }

    @Serdeable
    public record OfferInput(@NotNull Boolean offered) {
    }

    @Serdeable
    public record CommentTemplateInput(@NotBlank @Size(max = 1000) String text) {
    }

    @Serdeable
    public record CommentTemplateView(long id, String text, @Nullable Instant createdAt) {
    }
}
