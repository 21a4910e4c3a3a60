package com.tanfang.evaluation;

import com.tanfang.visit.VisitMode;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import com.tanfang.visit.store.VisitRecords;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The evidence an evaluation sheet reads, one query per source for the whole project (never one per item or
 * visit): the current answers of approved visits and their photos.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EvidenceRepository extends GenericRepository<VisitRecords.Visit, Long> {

    /** One current answer of an approved visit, with its visit's rater and mode. */
    @Introspected
    record ApprovedAnswer(long answerId, long visitId, String itemCode, @Nullable BigDecimal value,
                          boolean notApplicable, @Nullable String notApplicableReason, @Nullable String note,
                          VisitMode mode, @Nullable Long raterUserId, @Nullable String raterUsername,
                          @Nullable String raterName, @Nullable Instant decidedAt) {
    }

    /** A photo of an approved visit taken for an item. */
    @Introspected
    record ItemPhoto(long photoId, long visitId, String itemCode) {
    }

    /** One rater's copy of a planned visit (BlindRule: two raters of a plan do not see each other's ratings early). */
    @Introspected
    record VisitCopy(long visitId, long planId, @Nullable Long raterUserId, boolean submittedOnce) {
    }

    /** Every visit of the project as a copy of its plan. */
    @Query("select id as visit_id, plan_id, rater_user_id, first_submitted_at is not null as submitted_once"
            + " from visit where project_id = :projectId")
    List<VisitCopy> copies(long projectId);

    /**
     * The current (not superseded) answers of the project's APPROVED visits that carry a value or an N/A: a
     * returned, submitted or rejected visit counts for nothing until it is approved.
     */
    @Query("""
            select a.id as answer_id, a.visit_id, a.item_code, a.value, a.not_applicable, a.not_applicable_reason,
                   a.note, p.mode, v.rater_user_id, u.username as rater_username, u.display_name as rater_name,
                   v.decided_at
            from visit_answer a join visit v on v.id = a.visit_id join visit_plan p on p.id = v.plan_id
              left join app_user u on u.id = v.rater_user_id
            where v.project_id = :projectId and v.state = 'APPROVED' and a.superseded_at is null
              and (a.value is not null or a.not_applicable)
            order by a.item_code, v.id""")
    List<ApprovedAnswer> approvedAnswers(long projectId);

    @Query("""
            select ph.id as photo_id, ph.visit_id, ph.item_code from visit_photo ph join visit v on v.id = ph.visit_id
            where v.project_id = :projectId and v.state = 'APPROVED' and ph.item_code is not null
            order by ph.id""")
    List<ItemPhoto> approvedPhotos(long projectId);
}
