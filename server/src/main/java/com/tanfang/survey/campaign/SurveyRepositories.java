package com.tanfang.survey.campaign;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The survey feature's SQL. */
public final class SurveyRepositories {
    private SurveyRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Campaigns extends CrudRepository<SurveyCampaign, Long> {
        @Query("select * from survey_campaign where project_id = :projectId order by opens_at desc, id desc")
        List<SurveyCampaign> listByProject(long projectId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Questions extends CrudRepository<SurveyQuestion, Long> {
        @Query("select * from survey_question where campaign_id = :campaignId order by position")
        List<SurveyQuestion> listByCampaign(long campaignId);
    }

    /** A survey point with its location's name and households, as the staff screens and notices need it. */
    @Introspected
    public record PointView(long id, long campaignId, long locationId, String token, @Nullable Instant revokedAt,
                            String locationCode, String locationName, @Nullable Integer households) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Points extends CrudRepository<SurveyPoint, Long> {
        @Query("select * from survey_point where token = :token")
        Optional<SurveyPoint> findByToken(String token);

        @Query("""
                select p.id, p.campaign_id, p.location_id, p.token, p.revoked_at, l.code as location_code,
                       l.name as location_name, l.households
                from survey_point p join location l on l.id = p.location_id
                where p.campaign_id = :campaignId and p.revoked_at is null
                order by l.sort_order, l.id""")
        List<PointView> activeViews(long campaignId);

        @Query("update survey_point set revoked_at = now() where id = :id and revoked_at is null")
        void revoke(long id);
    }

    /** One stored answer (null value = don't know, or N/A when {@code notApplicable}), to prefill an amendment. */
    @Introspected
    public record GivenAnswer(long questionId, @Nullable Integer value, boolean notApplicable) {
    }

    /** Answers counted by question, channel, point and value (null value = don't know). */
    @Introspected
    public record AnswerCount(long questionId, SurveyResponse.Channel channel, long pointId, @Nullable Integer value,
                              boolean notApplicable, long n) {
    }

    /** Responses counted by point and channel. */
    @Introspected
    public record ResponseCount(long pointId, SurveyResponse.Channel channel, long responses, long excluded, long flagged) {
    }

    /**
     * {@link AnswerCount} with the answers' responses split: {@code deniedOnly} rows come from responses excluded only
     * because the respondent denied on a call-back (counted in the "before call-backs" view only).
     */
    @Introspected
    public record SplitAnswerCount(long questionId, SurveyResponse.Channel channel, long pointId, @Nullable Integer value,
                                   boolean notApplicable, boolean deniedOnly, long n) {
        public AnswerCount answerCount() {
            return new AnswerCount(questionId, channel, pointId, value, notApplicable, n);
        }
    }

    /** Responses by point and channel: counted, excluded by a call-back denial, excluded otherwise; flagged. */
    @Introspected
    public record SplitResponseCount(long pointId, SurveyResponse.Channel channel, long counted, long denied,
                                     long otherExcluded, long flagged) {
        /** The {@link ResponseCount} of one view: with the denials counted back in (before call-backs) or not. */
        public ResponseCount view(boolean withDenied) {
            return withDenied ? new ResponseCount(pointId, channel, counted + denied, otherExcluded, flagged)
                    : new ResponseCount(pointId, channel, counted, denied + otherExcluded, flagged);
        }
    }

    @Introspected
    public record FlagView(long responseId, String kind, String reasonCode, String reasonArgs) {
    }

    /**
     * Whether a response counts in results: not excluded, or (when {@code :withDenied}, for the "before call-backs"
     * view of the verification report) excluded only because its respondent denied answering on a call-back.
     */
    static final String COUNTED = "(not r.excluded or (:withDenied and r.excluded_cause = 'CALLBACK_DENIED'))";

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Responses extends CrudRepository<SurveyResponse, Long> {
        @Query("select * from survey_response where campaign_id = :campaignId and submission_id = :submissionId")
        Optional<SurveyResponse> findBySubmission(long campaignId, String submissionId);

        @Query("select count(*) > 0 from survey_response where campaign_id = :campaignId and browser_id = :browserId")
        boolean browserAnswered(long campaignId, String browserId);

        /** Marks {@code id} superseded by {@code by} unless it already is; 1 when this call did it. */
        @Query("update survey_response set superseded_by = :by, superseded_at = :at where id = :id and superseded_by is null")
        int supersede(long id, long by, Instant at);

        @Query("select question_id, value, not_applicable from survey_answer where response_id = :responseId")
        List<GivenAnswer> answersOf(long responseId);

        /**
         * Plans the rest of the current transaction's statements for their actual parameters (a custom plan), not
         * with the generic plan PostgreSQL switches to after five executions of a prepared statement. The tallies'
         * best plan depends on the campaign's size: for 100,000 responses the custom plan is a parallel hash join,
         * the generic one (planned for an average campaign) a serial one, ≈ 1.8 × slower in SurveyResultsBenchmark
         * (142 against 250-280 ms). Only inside a transaction (set_config's is_local); a no-op outside one.
         */
        @Query("select set_config('plan_cache_mode', 'force_custom_plan', true)")
        String customPlansForThisTransaction();

        /*
         * The tallies (V26): the folded tally rows and the changes not folded yet, summed in one statement (one
         * snapshot, so a fold committing meanwhile is seen whole or not at all). Rows that net to zero are left out,
         * as a recount has no row for them. The recount* queries below are the reference they equal (tests and
         * benchmarks check it).
         */
        String ANSWER_TALLIES = "(select point_id, channel, question_id, value, not_applicable, state, n"
                + " from survey_answer_tally where campaign_id = :campaignId union all"
                + " select point_id, channel, question_id, value, not_applicable, state, n"
                + " from survey_answer_tally_change where campaign_id = :campaignId) t";
        String RESPONSE_TALLIES = "(select point_id, channel, state, flagged, n"
                + " from survey_response_tally where campaign_id = :campaignId union all"
                + " select point_id, channel, state, flagged, n"
                + " from survey_response_tally_change where campaign_id = :campaignId) t";
        String TALLY_COUNTED = "(state = 'C' or (:withDenied and state = 'D'))";

        /** The answers counted by question, channel, point and value (a don't-know and an N/A have no value). */
        @Query("select question_id, channel, point_id, nullif(value, 0) as value, not_applicable, sum(n)::bigint as n"
                + " from " + ANSWER_TALLIES + " where " + TALLY_COUNTED
                + " group by question_id, channel, point_id, value, not_applicable having sum(n) <> 0")
        List<AnswerCount> answerCounts(long campaignId, boolean withDenied);

        @Query("select point_id, channel, coalesce(sum(n) filter (where " + TALLY_COUNTED + "), 0)::bigint as responses,"
                + " coalesce(sum(n) filter (where not " + TALLY_COUNTED + "), 0)::bigint as excluded,"
                + " coalesce(sum(n) filter (where flagged), 0)::bigint as flagged"
                + " from " + RESPONSE_TALLIES + " group by point_id, channel having sum(n) <> 0")
        List<ResponseCount> responseCounts(long campaignId, boolean withDenied);

        /** {@link #answerCounts} of both views, each row marked whether it counts in the "before call-backs" view only. */
        @Query("select question_id, channel, point_id, nullif(value, 0) as value, not_applicable,"
                + " state = 'D' as denied_only, sum(n)::bigint as n from " + ANSWER_TALLIES + " where state in ('C', 'D')"
                + " group by question_id, channel, point_id, value, not_applicable, state having sum(n) <> 0")
        List<SplitAnswerCount> answerCountsBothViews(long campaignId);

        /** {@link #responseCounts} of both views. */
        @Query("select point_id, channel, coalesce(sum(n) filter (where state = 'C'), 0)::bigint as counted,"
                + " coalesce(sum(n) filter (where state = 'D'), 0)::bigint as denied,"
                + " coalesce(sum(n) filter (where state = 'X'), 0)::bigint as other_excluded,"
                + " coalesce(sum(n) filter (where flagged), 0)::bigint as flagged"
                + " from " + RESPONSE_TALLIES + " group by point_id, channel having sum(n) <> 0")
        List<SplitResponseCount> responseCountsBothViews(long campaignId);

        /**
         * Folds the committed tally changes into the tallies (V26's survey_tally_fold), unless another instance is
         * folding now; the number of change rows folded, or -1 when another instance held the fold.
         */
        @Query("select case when pg_try_advisory_xact_lock(hashtext('survey_tally_fold')) then survey_tally_fold()"
                + " else -1 end")
        long foldTallies();

        // The recount from the answers themselves: what the tallies above must equal.
        // N/A rows come back flagged: counted beside, never as a value or a don't know (the question leaves the denominator)
        @Query("select a.question_id, r.channel, r.point_id, a.value, a.not_applicable, count(*) as n"
                + " from survey_answer a join survey_response r on r.id = a.response_id"
                + " where r.campaign_id = :campaignId and r.superseded_by is null and " + COUNTED
                + " group by a.question_id, r.channel, r.point_id, a.value, a.not_applicable")
        List<AnswerCount> recountAnswers(long campaignId, boolean withDenied);

        @Query("select r.point_id, r.channel, count(*) filter (where " + COUNTED + ") as responses,"
                + " count(*) filter (where not " + COUNTED + ") as excluded,"
                + " count(*) filter (where exists (select 1 from response_flag f where f.response_id = r.id)) as flagged"
                + " from survey_response r where r.campaign_id = :campaignId and r.superseded_by is null"
                + " group by r.point_id, r.channel")
        List<ResponseCount> recountResponses(long campaignId, boolean withDenied);

        /**
         * {@link #recountAnswers} of both views in one pass (the call-back report shows the results before and after its
         * denials): the same rows with {@code withDenied}, each marked whether its responses count in the "before"
         * view only. One scan of the answers instead of two.
         */
        @Query("select a.question_id, r.channel, r.point_id, a.value, a.not_applicable, r.excluded as denied_only,"
                + " count(*) as n"
                + " from survey_answer a join survey_response r on r.id = a.response_id"
                + " where r.campaign_id = :campaignId and r.superseded_by is null"
                + " and (not r.excluded or r.excluded_cause = 'CALLBACK_DENIED')"
                + " group by a.question_id, r.channel, r.point_id, a.value, a.not_applicable, r.excluded")
        List<SplitAnswerCount> recountAnswersBothViews(long campaignId);

        /** {@link #recountResponses} of both views in one pass. */
        @Query("select r.point_id, r.channel, count(*) filter (where not r.excluded) as counted,"
                + " count(*) filter (where r.excluded and r.excluded_cause = 'CALLBACK_DENIED') as denied,"
                + " count(*) filter (where r.excluded and r.excluded_cause is distinct from 'CALLBACK_DENIED')"
                + " as other_excluded,"
                + " count(*) filter (where exists (select 1 from response_flag f where f.response_id = r.id)) as flagged"
                + " from survey_response r where r.campaign_id = :campaignId and r.superseded_by is null"
                + " group by r.point_id, r.channel")
        List<SplitResponseCount> recountResponsesBothViews(long campaignId);

        @Query("""
                select * from survey_response r where r.campaign_id = :campaignId
                  and (not :flaggedOnly or exists (select 1 from response_flag f where f.response_id = r.id))
                order by r.submitted_at desc, r.id desc limit :limit offset :offset""")
        List<SurveyResponse> list(long campaignId, boolean flaggedOnly, int limit, int offset);

        @Query("""
                select f.response_id, f.kind, f.reason_code, f.reason_args::text as reason_args
                from response_flag f join survey_response r on r.id = f.response_id
                where r.campaign_id = :campaignId order by f.id""")
        List<FlagView> flags(long campaignId);

        /** Excludes the response unless it already is; 1 when this call excluded it, else 0. */
        @Query("""
                update survey_response set excluded = true, excluded_cause = :cause, excluded_reason = :reason,
                       excluded_by = :userId, excluded_at = now() where id = :responseId and not excluded""")
        int exclude(long responseId, String cause, String reason, long userId);

        /** Takes back an exclusion of the given cause; 1 when this call restored the response, else 0. */
        @Query("""
                update survey_response set excluded = false, excluded_cause = null, excluded_reason = null,
                       excluded_by = null, excluded_at = null
                where id = :responseId and excluded and excluded_cause = :cause""")
        int restore(long responseId, String cause);

        @Query("""
                update survey_response set phone_cipher = null, phone_purged_at = :now
                where phone_cipher is not null and campaign_id in (
                  select c.id from survey_campaign c join evaluation_project p on p.id = c.project_id
                  where c.closes_at + make_interval(days => p.retention_days) < :now)""")
        int purgeExpiredPhones(Instant now);

    }
}
