package com.tanfang.survey.review;

import com.tanfang.access.Caller;
import com.tanfang.message.Message;
import com.tanfang.phone.PhoneCipher;
import com.tanfang.phone.PhoneNumbers;
import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyRepositories;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A campaign's responses as the audit team reviews them: flags with their reasons, masked phones, exclusions. */
@Singleton
public class ResponseReview {
    private final Campaigns campaigns;
    private final SurveyRepositories.Responses responses;
    private final PhoneCipher cipher;
    private final JsonMapper json;

    public ResponseReview(Campaigns campaigns, SurveyRepositories.Responses responses, PhoneCipher cipher, JsonMapper json) {
        this.campaigns = campaigns;
        this.responses = responses;
        this.cipher = cipher;
        this.json = json;
    }

    public List<CampaignDtos.ResponseView> list(long campaignId, boolean flagged, int limit, int offset, Caller caller) {
        campaigns.get(campaignId, caller);
        Map<Long, List<CampaignDtos.FlagView>> flags = responses.flags(campaignId).stream().collect(Collectors.groupingBy(
                SurveyRepositories.FlagView::responseId,
                Collectors.mapping(f -> new CampaignDtos.FlagView(f.kind(), new Message(f.reasonCode(), args(f.reasonArgs()))),
                        Collectors.toList())));
        return responses.list(campaignId, flagged, limit, offset).stream().map(r -> new CampaignDtos.ResponseView(r.id(), r.pointId(),
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
}
