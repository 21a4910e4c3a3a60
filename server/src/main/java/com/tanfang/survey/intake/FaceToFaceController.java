package com.tanfang.survey.intake;

import com.tanfang.message.ForbiddenException;

import com.tanfang.message.InvalidException;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyPoint;
import com.tanfang.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import io.micronaut.http.HttpStatus;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;

/** Face-to-face survey entry by two auditors in the field. */
@Controller("/api/v1")
@Tag(name = "surveys")
public class FaceToFaceController {
    private final Campaigns campaigns;
    private final Submissions submissions;
    private final AppUserRepository users;
    private final Access access;

    public FaceToFaceController(Campaigns campaigns, Submissions submissions, AppUserRepository users, Access access) {
        this.access = access;
        this.campaigns = campaigns;
        this.submissions = submissions;
        this.users = users;
    }

    /** Face-to-face answers; idempotent by the client's submission id, so an offline phone can retry freely. */
    @Post("/campaigns/{campaignId}/offline-responses")
    @Secured({Role.AUDITOR_, Role.LEAD_})
    public HttpResponse<Submission.Receipt> offline(long campaignId, @Body @Valid CampaignDtos.OfflineInput in,
                                                    Caller caller) {
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
        Instant at = in.interviewedAt() == null ? Instant.now() : in.interviewedAt();
        if (at.isBefore(c.opensAt().minusSeconds(86400)) || at.isAfter(Instant.now().plusSeconds(300))) {
            throw InvalidException.field("interviewedAt", "intake.interview_time");
        }
        Submission.Receipt r = submissions.submitOffline(c, point, in.submissionId(), in.answers(), in.comment(), me,
                second.id(), at);
        return r.duplicate() ? HttpResponse.ok(r) : HttpResponse.created(r);
    }

}
