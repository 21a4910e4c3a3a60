package com.tanfang.survey.review;

import com.tanfang.survey.campaign.SurveyResponse;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The review's SQL: responses with their point, exclusion and amendment, their answers and exclusion history. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReviewRepository extends GenericRepository<SurveyResponse, Long> {

    @Introspected
    record Row(long id, long pointId, String locationCode, String locationName, SurveyResponse.Channel channel,
               Instant submittedAt, @Nullable Instant startedAt, @Nullable String phoneCipher, @Nullable String comment,
               boolean excluded, @Nullable String excludedCause, @Nullable String excludedReason,
               @Nullable Long excludedBy, @Nullable String excludedByName, @Nullable Instant excludedAt,
               @Nullable Long supersededBy, @Nullable Instant supersededAt) {
    }

    @Introspected
    record AnswerRow(long responseId, long questionId, @Nullable Integer value) {
    }

    @Introspected
    record Link(long id, long supersededBy) {
    }

    @Introspected
    record HistoryRow(long responseId, String action, @Nullable String cause, @Nullable String reason,
                      @Nullable Long actor, @Nullable String actorName, Instant at) {
    }

    /** What an exclusion or undo checks first. */
    @Introspected
    record State(long id, long campaignId, boolean excluded, @Nullable String excludedCause,
                 @Nullable String excludedReason, @Nullable Long excludedBy, @Nullable Instant excludedAt,
                 @Nullable Long supersededBy) {
    }

    /** Newest first; {@code flaggedOnly}, {@code excludedOnly} narrow the list. Superseded versions are listed too. */
    @Query("""
            select r.id, r.point_id, l.code as location_code, l.name as location_name, r.channel, r.submitted_at,
                   r.started_at, r.phone_cipher, r.comment, r.excluded, r.excluded_cause, r.excluded_reason,
                   r.excluded_by, u.display_name as excluded_by_name, r.excluded_at, r.superseded_by, r.superseded_at
            from survey_response r
              join survey_point p on p.id = r.point_id
              join location l on l.id = p.location_id
              left join app_user u on u.id = r.excluded_by
            where r.campaign_id = :campaignId
              and (not :flaggedOnly or exists (select 1 from response_flag f where f.response_id = r.id))
              and (not :excludedOnly or r.excluded)
            order by r.submitted_at desc, r.id desc limit :limit offset :offset""")
    List<Row> list(long campaignId, boolean flaggedOnly, boolean excludedOnly, int limit, int offset);

    @Query("select response_id, question_id, value from survey_answer where response_id in (:responseIds)")
    List<AnswerRow> answers(Collection<Long> responseIds);

    /** Every amendment link of the campaign (few: one per changed answer), to find each version's current one. */
    @Query("select id, superseded_by from survey_response where campaign_id = :campaignId and superseded_by is not null")
    List<Link> supersessions(long campaignId);

    @Query("""
            select e.subject_id as response_id, e.action, e.detail ->> 'cause' as cause, e.detail ->> 'reason' as reason,
                   e.actor, u.display_name as actor_name, e.at
            from evidence_log e left join app_user u on u.id = e.actor
            where e.subject_type = 'RESPONSE' and e.subject_id in (:responseIds)
              and e.action in ('response.excluded', 'response.exclusion_undone')
            order by e.seq""")
    List<HistoryRow> history(Collection<Long> responseIds);

    @Query("""
            select id, campaign_id, excluded, excluded_cause, excluded_reason, excluded_by, excluded_at, superseded_by
            from survey_response where id = :responseId""")
    Optional<State> state(long responseId);
}
