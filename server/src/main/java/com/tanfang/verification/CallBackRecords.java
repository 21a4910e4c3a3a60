package com.tanfang.verification;

import com.tanfang.access.Access;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The call-back tables (V4) and their SQL. */
public final class CallBackRecords {
    private CallBackRecords() {
    }

    /** What a call ended with; DIFFERS = took part, but an answer is not what they remember giving. */
    public enum Outcome { CONFIRMED, DENIED, DIFFERS, UNREACHABLE }

    /**
     * Why an item is called: drawn into the sample, a reserve replacing an unreachable respondent of its point,
     * or added when the lead enlarged the sample after the denial alarm. Not called yet (a reserve): none.
     */
    public enum AddedAs { SAMPLE, REPLACEMENT, ENLARGEMENT }

    @MappedEntity("callback_draw")
    public record Draw(@Id @GeneratedValue @Nullable Long id, long campaignId, BigDecimal rate, Instant cutoff,
                       String seed, int eligible, int onlineWithoutPhone, @Nullable String reason, long drawnBy,
                       @DateCreated @Nullable Instant drawnAt, @Nullable Instant supersededAt,
                       @Nullable Long supersededBy) {
    }

    @MappedEntity("callback_item")
    public record Item(@Id @GeneratedValue @Nullable Long id, long drawId, long responseId, long pointId, int position,
                       boolean called, @Nullable AddedAs addedAs, @Nullable Long assignedTo, @Nullable Outcome outcome,
                       @Nullable Long differsQuestionId, int failedAttempts, boolean causedExclusion,
                       @Nullable Instant closedAt) {
        Item withAssignee(@Nullable Long userId) {
            return new Item(id, drawId, responseId, pointId, position, called, addedAs, userId, outcome,
                    differsQuestionId, failedAttempts, causedExclusion, closedAt);
        }

        Item calledAs(AddedAs how, @Nullable Long userId) {
            return new Item(id, drawId, responseId, pointId, position, true, how, userId, outcome, differsQuestionId,
                    failedAttempts, causedExclusion, closedAt);
        }

        /** Pending again: a denial recorded by mistake was undone. */
        Item reopened() {
            return new Item(id, drawId, responseId, pointId, position, called, addedAs, assignedTo, null, null,
                    failedAttempts, false, null);
        }

        Item after(@Nullable Outcome result, @Nullable Long questionId, int failed, boolean excluded, Instant now) {
            return new Item(id, drawId, responseId, pointId, position, called, addedAs, assignedTo,
                    result, questionId, failed, excluded,
                    result == null ? null : now);
        }
    }

    @MappedEntity("callback_attempt")
    public record Attempt(@Id @GeneratedValue @Nullable Long id, long itemId, long userId, Outcome outcome,
                          @Nullable Long questionId, @Nullable String note, @DateCreated @Nullable Instant at,
                          @Nullable String noRevealReason) {
    }

    /** An eligible response and its survey point (stratum). */
    @Introspected
    public record Eligible(long id, long pointId) {
    }

    @Introspected
    public record AnswerRow(long questionId, @Nullable Integer value) {
    }

    /** A called item with what its screens show; {@code phoneCipher} never leaves the server. */
    @Introspected
    public record Row(long id, long drawId, long campaignId, String campaignTitleZh, @Nullable String campaignTitleEn,
                      long responseId, long pointId, String locationName, int position, boolean called,
                      @Nullable AddedAs addedAs, @Nullable Long assignedTo, @Nullable String assigneeName,
                      @Nullable Outcome outcome, @Nullable Long differsQuestionId, int failedAttempts,
                      boolean causedExclusion, @Nullable String phoneCipher, @Nullable Instant phonePurgedAt,
                      @Nullable Instant closedAt) {
    }

    /** Called, pending, unassigned items with a number, of active draws of projects whose team :userId is on. */
    static final String UNASSIGNED_ON_TEAM_OF = " from callback_item i join callback_draw d on d.id = i.draw_id"
            + " join survey_response r on r.id = i.response_id join survey_campaign c on c.id = d.campaign_id"
            + " join evaluation_project ep on ep.id = c.project_id"
            + " where d.superseded_at is null and i.called and i.outcome is null and i.assigned_to is null"
            + " and r.phone_cipher is not null and " + Access.ON_TEAM;

    static final String ROW_SELECT = """
            select i.id, i.draw_id, d.campaign_id, c.title_zh as campaign_title_zh, c.title_en as campaign_title_en,
                   i.response_id, i.point_id, l.name as location_name, i.position, i.called, i.added_as, i.assigned_to,
                   u.display_name as assignee_name, i.outcome, i.differs_question_id, i.failed_attempts,
                   i.caused_exclusion, r.phone_cipher, r.phone_purged_at, i.closed_at
            from callback_item i join callback_draw d on d.id = i.draw_id
              join survey_campaign c on c.id = d.campaign_id
              join survey_response r on r.id = i.response_id
              join survey_point p on p.id = i.point_id join location l on l.id = p.location_id
              left join app_user u on u.id = i.assigned_to
            """;

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Draws extends CrudRepository<Draw, Long> {
        @Query("select * from callback_draw where campaign_id = :campaignId and superseded_at is null")
        Optional<Draw> active(long campaignId);

        @Query("select * from callback_draw where campaign_id = :campaignId order by id")
        List<Draw> history(long campaignId);

        @Query("update callback_draw set superseded_at = now() where id = :id")
        void retire(long id);

        @Query("update callback_draw set superseded_by = :by where id = :id")
        void supersededBy(long id, long by);

        @Query("""
                select r.id, r.point_id from survey_response r
                where r.campaign_id = :campaignId and r.channel = 'ONLINE' and not r.excluded and r.superseded_by is null
                  and r.phone_cipher is not null and r.submitted_at < :cutoff""")
        List<Eligible> eligible(long campaignId, Instant cutoff);

        @Query("""
                select count(*) from survey_response r
                where r.campaign_id = :campaignId and r.channel = 'ONLINE' and not r.excluded and r.superseded_by is null
                  and r.phone_cipher is null and r.submitted_at < :cutoff""")
        long withoutPhone(long campaignId, Instant cutoff);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Items extends CrudRepository<Item, Long> {
        @Query("select * from callback_item where id = :id for update")
        Optional<Item> lock(long id);

        @Query("select * from callback_item where draw_id = :drawId order by point_id, position")
        List<Item> ofDraw(long drawId);

        @Query(ROW_SELECT + " where i.draw_id = :drawId and i.called order by l.sort_order, l.id, i.position")
        List<Row> calledRows(long drawId);

        @Query(ROW_SELECT + " where i.id = :id")
        Optional<Row> row(long id);

        /** A verifier's queue: items of active draws assigned to them, pending first. */
        @Query(ROW_SELECT + " join evaluation_project ep on ep.id = c.project_id"
                + " where i.assigned_to = :userId and i.called and d.superseded_at is null and " + Access.ON_TEAM
                + " order by i.outcome is not null, c.id, l.sort_order, l.id, i.position")
        List<Row> assignedTo(long userId);

        /** Pending unassigned items of the projects whose team the user is on. */
        @Query("select count(*)" + UNASSIGNED_ON_TEAM_OF)
        long unassigned(long userId);

        @Query("select i.*" + UNASSIGNED_ON_TEAM_OF
                + " order by d.id, i.point_id, i.position limit 1 for update of i skip locked")
        Optional<Item> nextUnassigned(long userId);

        @Query("select question_id, value from survey_answer where response_id = :responseId")
        List<AnswerRow> answers(long responseId);

        /** Whether :userId showed the number of this item (the reveal is only in the evidence log). */
        @Query("""
                select exists (select 1 from evidence_log where subject_type = 'RESPONSE' and subject_id = :responseId
                  and action = 'phone.revealed' and actor = :userId and (detail ->> 'callbackItemId')::bigint = :itemId)""")
        boolean revealedBy(long itemId, long responseId, long userId);

        /** The next reserve item of a stratum, locked. */
        @Query("""
                select * from callback_item where draw_id = :drawId and point_id = :pointId and not called
                order by position limit 1 for update""")
        Optional<Item> nextReserve(long drawId, long pointId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Attempts extends CrudRepository<Attempt, Long> {
        @Query("select * from callback_attempt where item_id = :itemId order by at, id")
        List<Attempt> ofItem(long itemId);
    }
}
