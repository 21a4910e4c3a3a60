package com.tanfang.evaluation.surveyreview;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The survey-review table (V15) and the respondents' comments it shows. */
public final class SurveyReviewRecords {
    private SurveyReviewRecords() {
    }

    @MappedEntity("survey_review_decision")
    public record DecisionRow(@Id @GeneratedValue @Nullable Long id, long projectId, long campaignId, long questionId,
                              String itemCode, SurveyReviewDecision decision, String note, @Nullable BigDecimal score,
                              long decidedBy, Instant decidedAt) {
    }

    /** A decision with who made it, as lists show it. */
    @Introspected
    @io.micronaut.serde.annotation.Serdeable
    public record DecisionView(long id, long campaignId, long questionId, String itemCode,
                               SurveyReviewDecision decision, String note, @Nullable BigDecimal score, long decidedBy,
                               @Nullable String decidedByName, Instant decidedAt) {
    }

    /** A respondent's free-text comment (staff only), with the answer it gave the question. */
    @Introspected
    @io.micronaut.serde.annotation.Serdeable
    public record CommentRow(long responseId, String channel, int value, String comment, Instant submittedAt) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Decisions extends CrudRepository<DecisionRow, Long> {
        /** Every decision of the project, newest first (the first per item is its current one). */
        @Query("""
                select d.id, d.campaign_id, d.question_id, d.item_code, d.decision, d.note, d.score, d.decided_by,
                       u.display_name as decided_by_name, d.decided_at
                from survey_review_decision d left join app_user u on u.id = d.decided_by
                where d.project_id = :projectId order by d.id desc""")
        List<DecisionView> ofProject(long projectId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Comments extends GenericRepository<DecisionRow, Long> {
        /**
         * Comments of counted responses (current, not excluded) that answered the question 1 or 2 (dissatisfied):
         * why the item scores low, in the respondents' words. Newest first, at most {@code limit}.
         */
        @Query("""
                select r.id as response_id, r.channel, a.value, r.comment, r.submitted_at
                from survey_response r join survey_answer a on a.response_id = r.id
                where r.campaign_id = :campaignId and a.question_id = :questionId and not r.excluded
                  and r.superseded_by is null and a.value <= 2 and r.comment is not null and btrim(r.comment) <> ''
                order by r.submitted_at desc, r.id desc limit :limit""")
        List<CommentRow> lowAnswersWithComment(long campaignId, long questionId, int limit);
    }
}
