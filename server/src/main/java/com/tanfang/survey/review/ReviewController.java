package com.tanfang.survey.review;

import io.micronaut.json.JsonMapper;
import io.micronaut.core.type.Argument;
import com.tanfang.message.Message;
import com.tanfang.message.ConflictException;
import com.tanfang.message.NotFoundException;
import com.tanfang.phone.PhoneCipher;
import com.tanfang.phone.PhoneNumbers;
import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyRepositories;
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
import java.util.Map;
import java.util.stream.Collectors;

/** Review of a campaign's responses: the list with flags, and exclusions with a reason. */
@Controller("/api/v1")
@Tag(name = "surveys")
public class ReviewController {
    private final Campaigns campaigns;
    private final SurveyRepositories.Responses responses;
    private final Exclusions exclusions;
    private final PhoneCipher cipher;
    private final JsonMapper json;

    public ReviewController(Campaigns campaigns, SurveyRepositories.Responses responses, Exclusions exclusions,
                            PhoneCipher cipher, JsonMapper json) {
        this.json = json;
        this.campaigns = campaigns;
        this.responses = responses;
        this.exclusions = exclusions;
        this.cipher = cipher;
    }

    @Get("/campaigns/{campaignId}/responses")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public List<CampaignDtos.ResponseView> responses(long campaignId, @Nullable @QueryValue Boolean flagged,
                                                     @Nullable @QueryValue @Min(1) @Max(500) Integer limit,
                                                     @Nullable @QueryValue @Min(0) Integer offset, Caller caller) {
        campaigns.get(campaignId, caller);
        Map<Long, List<CampaignDtos.FlagView>> flags = responses.flags(campaignId).stream().collect(Collectors.groupingBy(
                SurveyRepositories.FlagView::responseId,
                Collectors.mapping(f -> new CampaignDtos.FlagView(f.kind(), new Message(f.reasonCode(), args(f.reasonArgs()))),
                        Collectors.toList())));
        return responses.list(campaignId, Boolean.TRUE.equals(flagged), limit == null ? 100 : limit,
                offset == null ? 0 : offset).stream().map(r -> new CampaignDtos.ResponseView(r.id(), r.pointId(),
                r.channel(), r.submittedAt(), r.startedAt() == null ? null
                : java.time.Duration.between(r.startedAt(), r.submittedAt()).toSeconds(),
                r.phoneCipher() == null ? null : PhoneNumbers.mask(cipher.decrypt(r.phoneCipher())), r.comment(),
                r.excluded(), r.excludedReason(), flags.getOrDefault(r.id(), List.of()), Map.of())).toList();
    }

    private List<String> args(String jsonArray) {
        try {
            return json.readValue(jsonArray, Argument.listOf(String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Leaves a response out of every result, with the reason; nothing is deleted. */
    @Post("/campaigns/{campaignId}/responses/{responseId}/exclusion")
    @Secured({Role.LEAD_})
    public HttpResponse<?> exclude(long campaignId, long responseId, @Body @Valid CampaignDtos.Exclusion in,
                                   Caller caller) {
        campaigns.get(campaignId, caller);
        exclusions.excludeOnReview(campaignId, responseId, in.reason(), caller.userId());
        return HttpResponse.noContent();
    }

}
