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
 * visit): the visits' copies (for the blind rule) and the approved visits' photos; their answers: {@link ApprovedAnswers}.
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

    /** The approved visits' answers are read by {@link ApprovedAnswers} (plain JDBC: 10,000 rows in a few ms). */

    @Query("""
            select ph.id as photo_id, ph.visit_id, ph.item_code from visit_photo ph join visit v on v.id = ph.visit_id
            where v.project_id = :projectId and v.state = 'APPROVED' and ph.item_code is not null
            order by ph.id""")
    List<ItemPhoto> approvedPhotos(long projectId);
}
