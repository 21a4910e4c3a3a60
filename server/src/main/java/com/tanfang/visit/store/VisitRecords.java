package com.tanfang.visit.store;

import com.tanfang.visit.AuditWay;
import com.tanfang.visit.EvidenceRequirement;
import com.tanfang.visit.VisitMode;
import com.tanfang.visit.VisitState;
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
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The visit tables (V13) and their SQL. */
public final class VisitRecords {
    private VisitRecords() {
    }

    @MappedEntity("visit_settings")
    public record Settings(@Id long projectId, @Nullable LocalDate onSiteAuditDate, int sameSiteMinDays,
                           int maxVisitsPerDay, int claimHoldHours, int farMeters, @Nullable Instant updatedAt) {
        public static Settings defaults(long projectId) {
            return new Settings(projectId, null, 30, 3, 24, 1000, null);
        }
    }

    @MappedEntity("visit_item_choice")
    public record ItemChoiceRow(@Id String itemCode, long projectId, VisitMode mode, String guidanceZh,
                                String guidanceEn, EvidenceRequirement evidence) {
    }

    @MappedEntity("visit_comment_template")
    public record CommentTemplate(@Id @GeneratedValue @Nullable Long id, long projectId, String text, long createdBy,
                                  @DateCreated @Nullable Instant createdAt) {
    }

    @MappedEntity("visit_plan")
    public record Plan(@Id @GeneratedValue @Nullable Long id, long projectId, long siteId, @Nullable Long locationId,
                       VisitMode mode, Instant windowFrom, Instant windowTo, @Nullable String timeOfDay, int raters,
                       int reportDueHours, String scenario, long createdBy, @DateCreated @Nullable Instant createdAt) {
    }

    @MappedEntity("visit")
    public record Visit(@Id @GeneratedValue @Nullable Long id, long planId, long projectId, int slot,
                        @Nullable Long raterUserId, VisitState state, boolean offered, int version,
                        @Nullable Instant claimExpiresAt,
                        @Nullable Instant checkInServerAt, @Nullable Instant checkInDeviceAt, @Nullable Long checkInSkewMs,
                        @Nullable Double checkInLatitude, @Nullable Double checkInLongitude,
                        @Nullable Double checkInAccuracyM, @Nullable String checkInSystem,
                        @Nullable Double checkInDistanceM, @Nullable Boolean checkInFar,
                        @Nullable Instant checkOutServerAt, @Nullable Instant checkOutDeviceAt,
                        @Nullable Long checkOutSkewMs, @Nullable Double checkOutLatitude,
                        @Nullable Double checkOutLongitude, @Nullable Double checkOutAccuracyM,
                        @Nullable String checkOutSystem, @Nullable Double checkOutDistanceM,
                        @Nullable Boolean checkOutFar, @Nullable Instant firstSubmittedAt,
                        @Nullable Instant submittedAt, @Nullable Instant decidedAt, @Nullable String decisionReason) {
        public static Visit planned(long planId, long projectId, int slot, boolean offered) {
            return new Visit(null, planId, projectId, slot, null, VisitState.PLANNED, offered, 1, null,
                    null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null,
                    null, null, null, null);
        }
    }

    @MappedEntity("visit_answer")
    public record AnswerRow(@Id @GeneratedValue @Nullable Long id, UUID clientId, long visitId, String itemCode,
                            @Nullable BigDecimal value, boolean notApplicable, @Nullable String notApplicableReason,
                            @Nullable String note, @Nullable Integer secondsSpent, @Nullable Instant deviceAt,
                            long createdBy, @DateCreated @Nullable Instant createdAt, @Nullable Instant supersededAt,
                            @Nullable AuditWay way) {
    }

    @MappedEntity("visit_photo")
    public record PhotoRow(@Id @GeneratedValue @Nullable Long id, UUID clientId, long visitId, @Nullable String itemCode,
                           String sha256, String mediaType, int sizeBytes, @Nullable Instant capturedAt,
                           @Nullable Double latitude, @Nullable Double longitude, @Nullable Double accuracyM,
                           long createdBy, @DateCreated @Nullable Instant createdAt) {
    }

    @MappedEntity("visit_comment")
    public record Comment(@Id @GeneratedValue @Nullable Long id, long visitId, @Nullable String itemCode, String text,
                          int round, long createdBy, @DateCreated @Nullable Instant createdAt) {
    }

    /** A rater's other live visit: where and when its window starts (for the planning rules). */
    @Introspected
    public record RaterVisitRow(long visitId, long siteId, Instant windowFrom, VisitMode mode) {
    }

    /** Another visit holding the same photo. */
    @Introspected
    public record DuplicatePhoto(long photoId, long visitId, String sha256) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface SettingsRepository extends CrudRepository<Settings, Long> {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface ItemChoices extends GenericRepository<ItemChoiceRow, String> {
        @Query("select * from visit_item_choice where project_id = :projectId")
        List<ItemChoiceRow> ofProject(long projectId);

        @Query("""
                insert into visit_item_choice (project_id, item_code, mode, guidance_zh, guidance_en, evidence)
                values (:projectId, :itemCode, :mode, :guidanceZh, :guidanceEn, :evidence)
                on conflict (project_id, item_code) do update set mode = excluded.mode,
                  guidance_zh = excluded.guidance_zh, guidance_en = excluded.guidance_en, evidence = excluded.evidence""")
        void upsert(long projectId, String itemCode, String mode, String guidanceZh, String guidanceEn, String evidence);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface CommentTemplates extends CrudRepository<CommentTemplate, Long> {
        @Query("select * from visit_comment_template where project_id = :projectId order by id")
        List<CommentTemplate> ofProject(long projectId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Plans extends CrudRepository<Plan, Long> {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Visits extends CrudRepository<Visit, Long> {
        @Query("select * from visit where id = :id for update")
        Optional<Visit> lock(long id);

        @Query("select * from visit where plan_id = :planId order by slot")
        List<Visit> ofPlan(long planId);

        @Query("select v.* from visit v join visit_plan p on p.id = v.plan_id where v.project_id = :projectId"
                + " order by p.window_from, v.plan_id, v.slot")
        List<Visit> ofProject(long projectId);

        @Query("select v.* from visit v join visit_plan p on p.id = v.plan_id where v.rater_user_id = :userId"
                + " and p.window_to > :from order by p.window_from, v.id")
        List<Visit> ofRaterSince(long userId, Instant from);

        /** Claims not confirmed by a check-in in time: their visits go back to the pool. */
        @Query("select * from visit where state = 'CLAIMED' and claim_expires_at <= :now for update skip locked")
        List<Visit> expiredClaims(Instant now);

        @Query("""
                select v.id as visit_id, p.site_id, p.window_from, p.mode from visit v join visit_plan p on p.id = v.plan_id
                where v.rater_user_id = :userId and v.state <> 'REJECTED' and v.id <> :exceptVisitId""")
        List<RaterVisitRow> otherVisitsOfRater(long userId, long exceptVisitId);

        @Query("""
                update visit set state = :state, rater_user_id = :raterUserId, claim_expires_at = :claimExpiresAt,
                  version = version + 1 where id = :id""")
        void setRater(long id, String state, @Nullable Long raterUserId, @Nullable Instant claimExpiresAt);

        @Query("update visit set state = :state, version = version + 1 where id = :id")
        void setState(long id, String state);

        @Query("update visit set offered = :offered, version = version + 1 where id = :id")
        void setOffered(long id, boolean offered);

        @Query("update visit set version = version + 1 where plan_id = :planId")
        void bumpPlan(long planId);

        @Query("update visit set version = version + 1 where project_id = :projectId"
                + " and state in ('PLANNED','ASSIGNED','CLAIMED','IN_PROGRESS','RETURNED')")
        void bumpOpenOfProject(long projectId);

        @Query("""
                update visit set state = 'IN_PROGRESS', version = version + 1, claim_expires_at = null,
                  check_in_server_at = :serverAt, check_in_device_at = :deviceAt, check_in_skew_ms = :skewMs,
                  check_in_latitude = :latitude, check_in_longitude = :longitude, check_in_accuracy_m = :accuracy,
                  check_in_system = :system, check_in_distance_m = :distance, check_in_far = :far where id = :id""")
        void checkIn(long id, Instant serverAt, Instant deviceAt, long skewMs, @Nullable Double latitude,
                     @Nullable Double longitude, @Nullable Double accuracy, @Nullable String system,
                     @Nullable Double distance, @Nullable Boolean far);

        @Query("""
                update visit set check_out_server_at = :serverAt, check_out_device_at = :deviceAt,
                  check_out_skew_ms = :skewMs, check_out_latitude = :latitude, check_out_longitude = :longitude,
                  check_out_accuracy_m = :accuracy, check_out_system = :system, check_out_distance_m = :distance,
                  check_out_far = :far where id = :id""")
        void checkOut(long id, Instant serverAt, Instant deviceAt, long skewMs, @Nullable Double latitude,
                      @Nullable Double longitude, @Nullable Double accuracy, @Nullable String system,
                      @Nullable Double distance, @Nullable Boolean far);

        @Query("""
                update visit set state = 'SUBMITTED', version = version + 1, submitted_at = :at,
                  first_submitted_at = coalesce(first_submitted_at, :at) where id = :id""")
        void submitted(long id, Instant at);

        @Query("""
                update visit set state = :state, version = version + 1, decided_at = :at, decision_reason = :reason
                where id = :id""")
        void decided(long id, String state, @Nullable Instant at, @Nullable String reason);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Answers extends CrudRepository<AnswerRow, Long> {
        @Query("select * from visit_answer where client_id = :clientId")
        Optional<AnswerRow> byClientId(UUID clientId);

        @Query("select * from visit_answer where visit_id = :visitId and superseded_at is null order by id")
        List<AnswerRow> current(long visitId);

        @Query("select * from visit_answer where visit_id = :visitId and item_code = :itemCode order by id")
        List<AnswerRow> history(long visitId, String itemCode);

        @Query("select * from visit_answer where visit_id = :visitId order by id")
        List<AnswerRow> allOf(long visitId);

        @Query("""
                update visit_answer set superseded_at = :at
                where visit_id = :visitId and item_code = :itemCode and superseded_at is null""")
        void supersede(long visitId, String itemCode, Instant at);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Photos extends CrudRepository<PhotoRow, Long> {
        @Query("select * from visit_photo where client_id = :clientId")
        Optional<PhotoRow> byClientId(UUID clientId);

        @Query("select * from visit_photo where visit_id = :visitId order by id")
        List<PhotoRow> ofVisit(long visitId);

        @Query("""
                select o.id as photo_id, o.visit_id, o.sha256 from visit_photo p join visit_photo o
                  on o.sha256 = p.sha256 and o.visit_id <> p.visit_id
                where p.visit_id = :visitId order by o.id""")
        List<DuplicatePhoto> elsewhere(long visitId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Comments extends CrudRepository<Comment, Long> {
        @Query("select * from visit_comment where visit_id = :visitId order by id")
        List<Comment> ofVisit(long visitId);
    }

    /**
     * One visit as lists show it: where, when, how, who, in what state. The scenario and script are the project
     * team's only (a CLIENT never reaches a visit, see Access.visit). The review flags, so the lead's list shows
     * them without opening each visit: {@code far} (check-in or check-out beyond farMeters), {@code outsideWindow}
     * (either by the phone's time outside the plan's window, as VisitDetails judges it), {@code photosElsewhere}
     * (a photo whose bytes are also in another visit).
     */
    @io.micronaut.serde.annotation.Serdeable
    @Introspected
    public record Summary(long visitId, long planId, long projectId, String projectTitle, int slot, int raters,
                          VisitMode mode, VisitState state, int version, boolean offered, @Nullable Long raterUserId,
                          @Nullable String raterName, long siteId, String siteName, @Nullable String siteNameEn,
                          @Nullable Long locationId, @Nullable String locationName, Instant windowFrom,
                          Instant windowTo, @Nullable String timeOfDay, int reportDueHours, Instant reportDueAt,
                          String scenario, @Nullable Instant claimExpiresAt, @Nullable Instant checkInServerAt,
                          @Nullable Instant submittedAt, @Nullable Instant decidedAt, boolean far,
                          boolean outsideWindow, boolean photosElsewhere) {
        /** This summary as a reader sees it once its claim has expired: planned, no rater, no claim. */
        public Summary withClaimExpired() {
            return new Summary(visitId, planId, projectId, projectTitle, slot, raters, mode, VisitState.PLANNED, version,
                    offered, null, null, siteId, siteName, siteNameEn, locationId, locationName, windowFrom, windowTo,
                    timeOfDay, reportDueHours, reportDueAt, scenario, null, checkInServerAt, submittedAt, decidedAt,
                    far, outsideWindow, photosElsewhere);
        }
    }

    /** A claim not confirmed by a check-in in time (the visit is still CLAIMED until ClaimExpiry runs). */
    static final String EXPIRED_CLAIM = "(v.state = 'CLAIMED' and v.claim_expires_at <= :now)";

    static final String SUMMARY_SELECT = """
            select v.id as visit_id, v.plan_id, v.project_id, ep.title as project_title, v.slot, p.raters, p.mode,
                   v.state, v.version, v.offered, v.rater_user_id, u.display_name as rater_name, p.site_id,
                   s.name as site_name, s.name_en as site_name_en, p.location_id, l.name as location_name,
                   p.window_from, p.window_to, p.time_of_day, p.report_due_hours,
                   coalesce(v.check_out_server_at, p.window_to) + make_interval(hours => p.report_due_hours)
                     as report_due_at,
                   p.scenario, v.claim_expires_at, v.check_in_server_at, v.submitted_at, v.decided_at,
                   coalesce(v.check_in_far, false) or coalesce(v.check_out_far, false) as far,
                   coalesce(v.check_in_device_at not between p.window_from and p.window_to, false)
                     or coalesce(v.check_out_device_at not between p.window_from and p.window_to, false)
                     as outside_window,
                   exists (select 1 from visit_photo ph join visit_photo o on o.sha256 = ph.sha256
                           and o.visit_id <> ph.visit_id where ph.visit_id = v.id) as photos_elsewhere
            from visit v join visit_plan p on p.id = v.plan_id join evaluation_project ep on ep.id = v.project_id
              join site s on s.id = p.site_id left join location l on l.id = p.location_id
              left join app_user u on u.id = v.rater_user_id
            """;

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Summaries extends GenericRepository<Visit, Long> {
        @Query(SUMMARY_SELECT + " where v.id = :visitId")
        Optional<Summary> one(long visitId);

        @Query(SUMMARY_SELECT + " where v.project_id = :projectId order by p.window_from, v.plan_id, v.slot")
        List<Summary> ofProject(long projectId);

        /** A rater's visits whose window has not ended before :from, plus any still open or returned. */
        /** ... except claims expired at :now (read as expired; ClaimExpiry writes that down). */
        @Query(SUMMARY_SELECT + " where v.rater_user_id = :userId and (p.window_to > :from or v.state in"
                + " ('ASSIGNED','CLAIMED','IN_PROGRESS','RETURNED')) and not (" + EXPIRED_CLAIM + ")"
                + " order by p.window_from, v.id")
        List<Summary> ofRater(long userId, Instant from, Instant now);

        /** Offers, counting a claim expired at :now as an offer again (without writing: a read). */
        @Query(SUMMARY_SELECT + " where (v.state = 'PLANNED' or " + EXPIRED_CLAIM + ") and v.offered"
                + " and p.window_to > :now and " + com.tanfang.access.Access.ON_TEAM
                + " and not exists (select 1 from visit o where o.plan_id = v.plan_id and o.rater_user_id = :userId"
                + " and not (o.state = 'CLAIMED' and o.claim_expires_at <= :now))"
                + " order by p.window_from, v.id")
        List<Summary> offers(long userId, Instant now);
    }
}
