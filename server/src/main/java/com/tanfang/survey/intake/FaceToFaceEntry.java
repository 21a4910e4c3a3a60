package com.tanfang.survey.intake;

import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.message.ConflictException;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;
import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyPoint;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A face-to-face survey sheet, as two auditors of the project's team record it in the field (often from an offline
 * outbox, hours later). The interview must fall inside the campaign's window and not in the future, and once the
 * call-back sample is drawn the campaign takes no new sheets: the sample was drawn from what was there. A retry of
 * a sheet already stored always gets its receipt, so a phone that lost the first answer is never told "refused".
 * <p>
 * The auditor who entered a sheet lists their own sheets and corrects one under the same rules as entry (and only
 * while the campaign is open and its call-back sample not drawn): the correction is a new sheet that supersedes the
 * earlier one (kept as evidence, no longer counted), as a respondent's amendment does, and is evidence-logged.
 */
@Singleton
public class FaceToFaceEntry {
    /** Device clocks run a little fast; an interview "in the future" by less than this is accepted. */
    private static final long CLOCK_TOLERANCE_SECONDS = 300;
    private final Campaigns campaigns;
    private final Submissions submissions;
    private final SurveyRepositories.Responses responses;
    private final AppUserRepository users;
    private final Access access;
    private final Draws draws;
    private final OwnSheets ownSheets;
    private final EvidenceLog evidence;
    private final Clock clock;

    public FaceToFaceEntry(Campaigns campaigns, Submissions submissions, SurveyRepositories.Responses responses,
                           AppUserRepository users, Access access, Draws draws, OwnSheets ownSheets,
                           EvidenceLog evidence, Clock clock) {
        this.ownSheets = ownSheets;
        this.evidence = evidence;
        this.campaigns = campaigns;
        this.submissions = submissions;
        this.responses = responses;
        this.users = users;
        this.access = access;
        this.draws = draws;
        this.clock = clock;
    }

    /**
     * Whether the campaign's call-back sample has been drawn. This reads the verification's table in SQL only:
     * intake must not depend on the verification package, which depends on the survey.
     */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Draws extends GenericRepository<SurveyCampaign, Long> {
        @Query("select exists (select 1 from callback_draw where campaign_id = :campaignId)")
        boolean drawn(long campaignId);
    }

    /** A face-to-face sheet as its author sees it in their list (no respondent data: there is none on these). */
    @Introspected
    public record OwnSheetRow(long id, String submissionId, long pointId, String pointName, Instant interviewedAt,
                              @Nullable Long secondAuditorId, @Nullable String secondAuditorName,
                              @Nullable String comment, boolean excluded, @Nullable Long supersededBy,
                              @Nullable Instant supersededAt) {
    }

    /** One answer of one of the author's sheets (null value = don't know, or N/A when {@code notApplicable}). */
    @Introspected
    public record OwnAnswer(long responseId, long questionId, @Nullable Integer value, boolean notApplicable) {
        /** The sheet's answer code: 1..5, {@link Submission#DONT_KNOW} or {@link Submission#NOT_APPLICABLE}. */
        int code() {
            return notApplicable ? Submission.NOT_APPLICABLE : value == null ? Submission.DONT_KNOW : value;
        }
    }

    /** The author's own face-to-face sheets of a campaign, newest first, with their answers. */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface OwnSheets extends GenericRepository<SurveyResponse, Long> {
        @Query("""
                select r.id, r.submission_id, r.point_id, l.name as point_name, r.submitted_at as interviewed_at,
                       r.second_auditor as second_auditor_id, u.display_name as second_auditor_name, r.comment,
                       r.excluded, r.superseded_by, r.superseded_at
                from survey_response r
                  join survey_point p on p.id = r.point_id
                  join location l on l.id = p.location_id
                  left join app_user u on u.id = r.second_auditor
                where r.campaign_id = :campaignId and r.entered_by = :author and r.channel = 'OFFLINE'
                order by r.submitted_at desc, r.id desc""")
        List<OwnSheetRow> list(long campaignId, long author);

        @Query("""
                select a.response_id, a.question_id, a.value, a.not_applicable
                from survey_answer a join survey_response r on r.id = a.response_id
                where r.campaign_id = :campaignId and r.entered_by = :author and r.channel = 'OFFLINE'""")
        List<OwnAnswer> answers(long campaignId, long author);
    }

    /** Where a sheet stands: counted, replaced by a correction, or excluded by the review. */
    public enum SheetState { CURRENT, SUPERSEDED, EXCLUDED }

    /**
     * One of the caller's sheets. {@code answers}: question id to 1..5, 0 for don't know (as entered);
     * {@code correctable}: whether a correction would be accepted now (current, campaign open, sample not drawn).
     */
    @Serdeable
    public record OwnSheet(long id, String submissionId, long pointId, String pointName, Instant interviewedAt,
                           @Nullable Long secondAuditorId, @Nullable String secondAuditorName, @Nullable String comment,
                           SheetState state, @Nullable Long supersededBy, Map<Long, Integer> answers, int answered,
                           int dontKnow, boolean correctable) {
    }

    public List<OwnSheet> own(long campaignId, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        long me = caller.userId();
        boolean open = correctionsOpen(c);
        Map<Long, Map<Long, Integer>> answers = ownSheets.answers(campaignId, me).stream()
                .collect(Collectors.groupingBy(OwnAnswer::responseId, LinkedHashMap::new,
                        Collectors.toMap(OwnAnswer::questionId, OwnAnswer::code, (x, y) -> x,
                                java.util.TreeMap::new)));
        return ownSheets.list(campaignId, me).stream().map(r -> {
            Map<Long, Integer> given = answers.getOrDefault(r.id(), Map.of());
            SheetState state = r.supersededBy() != null ? SheetState.SUPERSEDED
                    : r.excluded() ? SheetState.EXCLUDED : SheetState.CURRENT;
            int dontKnow = (int) given.values().stream().filter(v -> v == Submission.DONT_KNOW).count();
            int notApplicable = (int) given.values().stream().filter(v -> v == Submission.NOT_APPLICABLE).count();
            return new OwnSheet(r.id(), r.submissionId(), r.pointId(), r.pointName(), r.interviewedAt(),
                    r.secondAuditorId(), r.secondAuditorName(), r.comment(), state, r.supersededBy(), given,
                    given.size() - dontKnow - notApplicable, dontKnow, open && state == SheetState.CURRENT);
        }).toList();
    }

    private boolean correctionsOpen(SurveyCampaign c) {
        return clock.instant().isBefore(c.closesAt()) && !draws.drawn(c.id());
    }

    /**
     * Replaces the caller's own sheet {@code responseId} by the corrected answers {@code in} (a new submission id,
     * so a retry of the correction is answered with its first receipt). The earlier sheet is kept, superseded, and
     * the correction is recorded in the evidence log, all in one transaction.
     */
    @Transactional
    public Submission.Receipt correct(long campaignId, long responseId, CampaignDtos.OfflineInput in, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        long me = caller.userId();
        var retry = responses.findBySubmission(campaignId, in.submissionId());
        if (retry.isPresent() && retry.get().enteredBy() != null && retry.get().enteredBy() == me) {
            return new Submission.Receipt(retry.get().id(), in.submissionId(), true);
        }
        if (retry.isPresent()) {
            throw InvalidException.field("submissionId", "submission");
        }
        SurveyResponse earlier = responses.findById(responseId)
                .filter(r -> r.campaignId() == campaignId && r.channel() == SurveyResponse.Channel.OFFLINE)
                .orElseThrow(() -> NotFoundException.of("intake.sheet_unknown", responseId));
        if (earlier.enteredBy() == null || earlier.enteredBy() != me) {
            throw ForbiddenException.of("intake.correct_own_sheets_only");
        }
        if (!clock.instant().isBefore(c.closesAt())) {
            throw ConflictException.of("intake.correction_closed");
        }
        if (draws.drawn(campaignId)) {
            throw ConflictException.of("intake.correction_after_draw");
        }
        if (earlier.excluded()) {
            throw ConflictException.of("intake.sheet_excluded");
        }
        // The interview happened when it happened: a correction keeps the earlier sheet's time unless it names one.
        CampaignDtos.OfflineInput corrected = in.interviewedAt() != null ? in
                : new CampaignDtos.OfflineInput(in.submissionId(), in.pointId(), in.secondAuditorId(), in.staffAbsent(),
                in.answers(), in.comment(), earlier.submittedAt());
        Submission.Receipt stored = record(c, corrected, caller, true);
        // Two corrections of one sheet at once: only one may replace it; the other rolls back whole.
        if (responses.supersede(earlier.id(), stored.responseId(), clock.instant()) != 1) {
            throw ConflictException.of("intake.sheet_superseded");
        }
        evidence.record(Subject.response(stored.responseId()), "response.corrected", me, Map.of(
                "campaignId", campaignId, "pointId", corrected.pointId(), "supersedes", earlier.id()));
        return stored;
    }

    public Submission.Receipt record(long campaignId, CampaignDtos.OfflineInput in, Caller caller) {
        return record(campaigns.get(campaignId, caller), in, caller, false);
    }

    private Submission.Receipt record(SurveyCampaign c, CampaignDtos.OfflineInput in, Caller caller, boolean correction) {
        long campaignId = c.id();
        long me = caller.userId();
        // Seeing the campaign is not enough (an ADMIN sees every project): both witnesses must be on the team.
        if (!access.onTeam(c.projectId(), me)) {
            throw ForbiddenException.of("team.face_to_face_members_only");
        }
        SurveyPoint point = campaigns.activePoint(campaignId, in.pointId(), caller);
        AppUser second = users.findById(in.secondAuditorId()).filter(AppUser::enabled)
                .filter(u -> u.has(Role.AUDITOR) || u.has(Role.LEAD))
                .orElseThrow(() -> InvalidException.field("secondAuditorId", "intake.not_an_auditor"));
        if (second.id() == me) {
            throw InvalidException.field("secondAuditorId", "intake.same_auditor");
        }
        if (!access.onTeam(c.projectId(), second.id())) {
            throw InvalidException.field("secondAuditorId", "team.second_auditor_not_member");
        }
        Instant now = clock.instant();
        Instant at = in.interviewedAt() == null ? now : in.interviewedAt();
        if (at.isBefore(c.opensAt()) || !at.isBefore(c.closesAt()) || at.isAfter(now.plusSeconds(CLOCK_TOLERANCE_SECONDS))) {
            throw InvalidException.field("interviewedAt", "intake.interview_time");
        }
        boolean known = responses.findBySubmission(campaignId, in.submissionId()).isPresent();
        if (!known && !correction && draws.drawn(campaignId)) {
            throw ConflictException.field("submissionId", "intake.sample_drawn");
        }
        return submissions.submitOffline(c, point, in.submissionId(), in.answers(), in.comment(), me, second.id(), at);
    }
}
