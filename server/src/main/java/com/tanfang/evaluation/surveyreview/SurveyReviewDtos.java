package com.tanfang.evaluation.surveyreview;

import com.tanfang.evaluation.EvaluationDtos;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** The survey review as the API sends it (server/docs/evaluation.md, "Survey review"). */
public final class SurveyReviewDtos {
    private SurveyReviewDtos() {
    }

    /**
     * @param threshold the counted campaign's low-score threshold (0..100): an item scoring below it is low
     * @param items     the low items, lowest score first
     */
    @Serdeable
    public record Review(long projectId, EvaluationDtos.SurveySource survey, @Nullable BigDecimal threshold,
                         List<LowItem> items) {
    }

    /**
     * One low-scoring survey item: its survey figure (as on the sheet), beside it the on-site items of the same
     * item or service area with their approved ratings, the respondents' comments (staff only), the current
     * decision and every earlier one (newest first).
     */
    @Serdeable
    public record LowItem(String itemCode, String clause, String textZh, String textEn,
                          EvaluationDtos.SurveyEvidence survey, boolean clearlyBelow, List<OnSiteItem> onSite,
                          List<SurveyReviewRecords.CommentRow> comments,
                          @Nullable SurveyReviewRecords.DecisionView decision,
                          List<SurveyReviewRecords.DecisionView> history) {
    }

    /** An item rated on site, how it relates to the survey item, and its ratings on the sheet. */
    @Serdeable
    public record OnSiteItem(String itemCode, String clause, String textZh, String textEn,
                             com.tanfang.scheme.AnswerType answerType, RelatedItems.Relation relation, boolean missing,
                             List<EvaluationDtos.VisitRating> ratings) {
    }

    @Serdeable
    public record DecisionInput(@NotBlank @Size(max = 100) String itemCode, @NotNull SurveyReviewDecision decision,
                                @NotBlank @Size(max = 2000) String note) {
    }
}
