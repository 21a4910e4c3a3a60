package com.tanfang.survey.intake;

import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyPoint;
import com.tanfang.access.Role;
import com.tanfang.account.SessionTokens;
import com.tanfang.platform.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.Instant;

/** Face-to-face survey entry by two auditors in the field. */
@Controller("/api/v1")
@Tag(name = "surveys")
public class FaceToFaceController {
    private final Campaigns campaigns;
    private final Submissions submissions;
    private final AppUserRepository users;

    private final Clock clock;

    public FaceToFaceController(Campaigns campaigns, Submissions submissions, AppUserRepository users, Clock clock) {
        this.clock = clock;
        this.campaigns = campaigns;
        this.submissions = submissions;
        this.users = users;
    }

    /** Face-to-face answers; idempotent by the client's submission id, so an offline phone can retry freely. */
    @Post("/campaigns/{campaignId}/offline-responses")
    @Secured({Role.AUDITOR_, Role.LEAD_})
    public HttpResponse<Submission.Receipt> offline(long campaignId, @Body @Valid CampaignDtos.OfflineInput in,
                                                    Authentication caller) {
        SurveyCampaign c = campaigns.get(campaignId);
        SurveyPoint point = campaigns.activePoint(campaignId, in.pointId());
        long me = SessionTokens.userId(caller);
        AppUser second = users.findById(in.secondAuditorId()).filter(AppUser::enabled)
                .filter(u -> u.has(Role.AUDITOR) || u.has(Role.LEAD))
                .orElseThrow(() -> ApiException.field("secondAuditorId", "not an active auditor", "unknown"));
        if (second.id() == me) {
            throw ApiException.field("secondAuditorId", "two different auditors must be present", "same");
        }
        Instant at = in.interviewedAt() == null ? clock.instant() : in.interviewedAt();
        if (at.isBefore(c.opensAt().minusSeconds(86400)) || at.isAfter(clock.instant().plusSeconds(300))) {
            throw ApiException.field("interviewedAt", "must fall within the campaign and not in the future", "window");
        }
        Submission.Receipt r = submissions.submitOffline(c, point, in.submissionId(), in.answers(), in.comment(), me,
                second.id(), at);
        return r.duplicate() ? HttpResponse.ok(r) : HttpResponse.created(r);
    }

}
