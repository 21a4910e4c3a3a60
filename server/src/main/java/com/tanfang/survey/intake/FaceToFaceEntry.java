package com.tanfang.survey.intake;

import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.message.ConflictException;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyPoint;
import com.tanfang.survey.campaign.SurveyRepositories;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * A face-to-face survey sheet, as two auditors of the project's team record it in the field (often from an offline
 * outbox, hours later). The interview must fall inside the campaign's window and not in the future, and once the
 * call-back sample is drawn the campaign takes no new sheets: the sample was drawn from what was there. A retry of
 * a sheet already stored always gets its receipt, so a phone that lost the first answer is never told "refused".
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
    private final Clock clock;

    public FaceToFaceEntry(Campaigns campaigns, Submissions submissions, SurveyRepositories.Responses responses,
                           AppUserRepository users, Access access, Draws draws, Clock clock) {
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

    public Submission.Receipt record(long campaignId, CampaignDtos.OfflineInput in, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
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
        if (!known && draws.drawn(campaignId)) {
            throw ConflictException.field("submissionId", "intake.sample_drawn");
        }
        return submissions.submitOffline(c, point, in.submissionId(), in.answers(), in.comment(), me, second.id(), at);
    }
}
