package com.tanfang.survey.review;

import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/** Review of a campaign's responses: the list with answers and flags, exclusions with a reason, and their undo. */
@Controller("/api/v1")
@Tag(name = "surveys")
public class ReviewController {
    private final Campaigns campaigns;
    private final ResponseReview review;
    private final Exclusions exclusions;

    public ReviewController(Campaigns campaigns, ResponseReview review, Exclusions exclusions) {
        this.campaigns = campaigns;
        this.review = review;
        this.exclusions = exclusions;
    }

    @Get("/campaigns/{campaignId}/responses")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public List<ReviewDtos.ResponseView> responses(long campaignId, @Nullable @QueryValue Boolean flagged,
                                                   @Nullable @QueryValue Boolean excluded,
                                                   @Nullable @QueryValue @Min(1) @Max(500) Integer limit,
                                                   @Nullable @QueryValue @Min(0) Integer offset, Caller caller) {
        return review.list(campaignId, Boolean.TRUE.equals(flagged), Boolean.TRUE.equals(excluded),
                limit == null ? 100 : limit, offset == null ? 0 : offset, caller);
    }

    /** Leaves a response (flagged or not) out of every result, with the reason; nothing is deleted. */
    @Post("/campaigns/{campaignId}/responses/{responseId}/exclusion")
    @Secured({Role.LEAD_})
    public HttpResponse<?> exclude(long campaignId, long responseId, @Body @Valid CampaignDtos.Exclusion in,
                                   Caller caller) {
        campaigns.get(campaignId, caller);
        exclusions.excludeOnReview(campaignId, responseId, in.reason(), caller.userId());
        return HttpResponse.noContent();
    }

    /** Counts a lead-excluded response again; the reason is mandatory and logged with what was undone. */
    @Post("/campaigns/{campaignId}/responses/{responseId}/exclusion/undo")
    @Secured({Role.LEAD_})
    public HttpResponse<?> undoExclusion(long campaignId, long responseId, @Body @Valid ReviewDtos.ExclusionUndo in,
                                         Caller caller) {
        campaigns.get(campaignId, caller);
        exclusions.undoOnReview(campaignId, responseId, in.reason(), caller.userId());
        return HttpResponse.noContent();
    }
}
