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
import java.util.List;

/**
 * The evidence an evaluation sheet reads, one query per source for the whole project (never one per item or
 * visit): the visits' copies (for the blind rule) and the approved visits' photos; their answers: {@link ApprovedAnswers}.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EvidenceRepository extends GenericRepository<VisitRecords.Visit, Long> {

    /** One current answer of an approved visit (its visit's rater and mode: {@link VisitCopy}). */
    @Introspected
    record ApprovedAnswer(long answerId, long visitId, String itemCode, @Nullable BigDecimal value,
                          boolean notApplicable, @Nullable String notApplicableReason, @Nullable String note) {
    }

    /** A photo of an approved visit taken for an item. */
    @Introspected
    record ItemPhoto(long photoId, long visitId, String itemCode) {
    }

    /**
     * One visit of the project: its plan (BlindRule: two raters of a plan do not see each other's ratings early),
     * its rater and mode (read once per visit, not once per answer).
     */
    @Introspected
    record VisitCopy(long visitId, long planId, @Nullable Long raterUserId, boolean submittedOnce, VisitMode mode,
                     @Nullable String raterUsername, @Nullable String raterName) {
    }

    @Query("""
            select v.id as visit_id, v.plan_id, v.rater_user_id, v.first_submitted_at is not null as submitted_once,
                   p.mode, u.username as rater_username, u.display_name as rater_name
            from visit v join visit_plan p on p.id = v.plan_id left join app_user u on u.id = v.rater_user_id
            where v.project_id = :projectId""")
    List<VisitCopy> copies(long projectId);

    /** The approved visits' answers are read by {@link ApprovedAnswers} (plain JDBC: 10,000 rows in a few ms). */

    @Query("""
            select ph.id as photo_id, ph.visit_id, ph.item_code from visit_photo ph join visit v on v.id = ph.visit_id
            where v.project_id = :projectId and v.state = 'APPROVED' and ph.item_code is not null
            order by ph.id""")
    List<ItemPhoto> approvedPhotos(long projectId);
}
