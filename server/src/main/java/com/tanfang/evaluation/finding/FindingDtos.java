package com.tanfang.evaluation.finding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The findings API's shapes (server/docs/evaluation.md, "Findings"). */
public final class FindingDtos {
    /** Most evidence references one record may carry, per kind (visit answers, photos, attachments). */
    public static final int MAX_REFERENCES = 20;

    private FindingDtos() {
    }

    public enum AdjustmentKind {
        /** A special deduction (特殊扣分): count × points after pro-rating; each needs rectification (004). */
        DEDUCTION,
        /** The special bonus (特殊加分), capped at the scheme's max bonus. */
        BONUS,
        /** A bonus item (加分项) of the scheme awarded by the lead (counts as the lead's "yes" rating). */
        BONUS_ITEM
    }

    public enum FindingKind { NONCONFORMITY, IMPROVEMENT }

    public enum Severity { MAJOR, MINOR }

    @Serdeable
    public record NaInput(@NotBlank @Size(max = 100) String itemCode,
                          @NotBlank @Size(max = 2000) String justification) {
    }

    @Serdeable
    public record ReasonInput(@NotBlank @Size(max = 2000) String reason) {
    }

    @Serdeable
    public record AdjustmentInput(@NotNull AdjustmentKind kind, @Nullable @Size(max = 100) String itemCode,
                                  @Nullable @Size(max = 100) String clause, @Nullable Integer count,
                                  @Nullable BigDecimal points, @NotBlank @Size(max = 2000) String reason,
                                  @Nullable @Size(max = MAX_REFERENCES) List<@NotNull Long> visitAnswerIds,
                                  @Nullable @Size(max = MAX_REFERENCES) List<@NotNull Long> photoIds,
                                  @Nullable @Size(max = MAX_REFERENCES) List<@NotNull Long> attachmentIds,
                                  @Nullable @Size(max = 2000) String noEvidenceNote) {
    }

    @Serdeable
    public record FindingInput(@NotNull FindingKind kind, @Nullable Severity severity,
                               @Nullable @Size(max = 100) String itemCode, @Nullable Long adjustmentId,
                               @Nullable @Size(max = 100) String clause, @NotBlank @Size(max = 4000) String finding,
                               @NotNull LocalDate deadline, @Nullable @Size(max = 200) String owner,
                               @Nullable @Size(max = MAX_REFERENCES) List<@NotNull Long> visitAnswerIds,
                               @Nullable @Size(max = MAX_REFERENCES) List<@NotNull Long> attachmentIds) {
    }

    @Serdeable
    public record AnswerInput(@NotBlank @Size(max = 4000) String correctiveAction,
                              @Nullable @Size(max = MAX_REFERENCES) List<@NotNull Long> attachmentIds) {
    }

    /** An uploaded photo or PDF; {@code url} downloads it (role and object checked). */
    @Serdeable
    public record AttachmentView(long id, String kind, String mediaType, int sizeBytes, String sha256,
                                 @Nullable String fileName, String url, Instant createdAt) {
    }

    @Serdeable
    public record NaDecisionView(long id, String itemCode, String justification, String decidedBy,
                                 Instant decidedAt) {
    }

    /** A visit photo given as evidence; {@code url}: the visit photo route. */
    @Serdeable
    public record PhotoRef(long photoId, long visitId, String url) {
    }

    /**
     * A current deduction, bonus or awarded bonus item. {@code pointsEach}: the points one deduction costs (its own,
     * else the scheme's); {@code totalPoints} = count × pointsEach (the bonus: its points).
     * {@code rectificationNeeded}: every deduction (004); {@code findingIds}: findings raised from it.
     */
    @Serdeable
    public record AdjustmentView(long id, AdjustmentKind kind, @Nullable String itemCode, @Nullable String clause,
                                 int count, @Nullable BigDecimal pointsEach, @Nullable BigDecimal totalPoints,
                                 String reason, List<Long> visitAnswerIds, List<PhotoRef> photos,
                                 List<AttachmentView> attachments, @Nullable String noEvidenceNote,
                                 boolean rectificationNeeded, List<Long> findingIds, String createdBy,
                                 Instant createdAt) {
    }

    /** A finding as the audit team sees it. */
    @Serdeable
    public record FindingView(long id, long projectId, FindingKind kind, @Nullable Severity severity,
                              @Nullable String itemCode, @Nullable Long adjustmentId, @Nullable String clause,
                              String finding, LocalDate deadline, @Nullable String owner, FindingState state,
                              boolean overdue, List<Long> visitAnswerIds, List<AttachmentView> attachments,
                              @Nullable String correctiveAction, List<AttachmentView> answerAttachments,
                              @Nullable Instant answeredAt, @Nullable String sentBackReason, int answerRounds,
                              @Nullable Instant issuedAt, @Nullable Instant closedAt, String createdBy,
                              Instant createdAt, Instant updatedAt) {
    }

    /**
     * A finding as the CLIENT sees it: the lead's text and the attachments the lead attached, never the visit
     * answers it cites (covert-visit raters and scripts stay hidden) nor who on the team wrote it.
     */
    @Serdeable
    public record ClientFindingView(long id, FindingKind kind, @Nullable Severity severity, @Nullable String itemCode,
                                    @Nullable String clause, String finding, LocalDate deadline,
                                    @Nullable String owner, FindingState state, boolean overdue,
                                    List<AttachmentView> attachments, @Nullable String correctiveAction,
                                    List<AttachmentView> answerAttachments, @Nullable Instant answeredAt,
                                    @Nullable String sentBackReason, @Nullable Instant issuedAt,
                                    @Nullable Instant closedAt) {
    }

    /** The scheme's special rules the forms need: points per deduction, max special bonus. */
    @Serdeable
    public record SpecialRulesView(BigDecimal pointsPerDeduction, BigDecimal maxBonus, boolean bonusItems) {
    }

    /** The lead's findings page: N/A decisions, deductions and bonus, findings (today: the Beijing date). */
    @Serdeable
    public record Page(long projectId, SpecialRulesView special, List<NaDecisionView> notApplicableDecisions,
                       List<AdjustmentView> adjustments, List<FindingView> findings, LocalDate today) {
    }

    /** The client's page: its ISSUED, ANSWERED and CLOSED findings. */
    @Serdeable
    public record ClientPage(long projectId, String title, @Nullable String titleEn,
                             List<ClientFindingView> findings, LocalDate today) {
    }
}
