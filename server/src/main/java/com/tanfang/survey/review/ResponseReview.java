package com.tanfang.survey.review;

import com.tanfang.access.Caller;
import com.tanfang.message.Message;
import com.tanfang.phone.PhoneCipher;
import com.tanfang.phone.PhoneNumbers;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyRepositories;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A campaign's responses as the audit team reviews them: the point, every answer, flags with their reasons, masked
 * phones, exclusions (who, when, why, and the history of exclusions and undos) and amendments (which version is
 * current).
 */
@Singleton
public class ResponseReview {
    private final Campaigns campaigns;
    private final SurveyRepositories.Responses responses;
    private final ReviewRepository review;
    private final PhoneCipher cipher;
    private final JsonMapper json;

    public ResponseReview(Campaigns campaigns, SurveyRepositories.Responses responses, ReviewRepository review,
                          PhoneCipher cipher, JsonMapper json) {
        this.campaigns = campaigns;
        this.responses = responses;
        this.review = review;
        this.cipher = cipher;
        this.json = json;
    }

    public List<ReviewDtos.ResponseView> list(long campaignId, boolean flagged, boolean excluded, int limit, int offset,
                                              Caller caller) {
        campaigns.get(campaignId, caller);
        List<ReviewRepository.Row> rows = review.list(campaignId, flagged, excluded, limit, offset);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(ReviewRepository.Row::id).toList();
        Map<Long, List<ReviewDtos.Flag>> flags = responses.flags(campaignId).stream().collect(Collectors.groupingBy(
                SurveyRepositories.FlagView::responseId,
                Collectors.mapping(f -> new ReviewDtos.Flag(f.kind(), new Message(f.reasonCode(), args(f.reasonArgs()))),
                        Collectors.toList())));
        Map<Long, List<ReviewDtos.Answer>> answers = review.answers(ids).stream().collect(Collectors.groupingBy(
                ReviewRepository.AnswerRow::responseId,
                Collectors.mapping(a -> new ReviewDtos.Answer(a.questionId(), a.value()), Collectors.toList())));
        Map<Long, List<ReviewDtos.HistoryEntry>> history = review.history(ids).stream().collect(Collectors.groupingBy(
                ReviewRepository.HistoryRow::responseId,
                Collectors.mapping(h -> new ReviewDtos.HistoryEntry(h.action(), h.cause(), h.reason(), h.actor(),
                        h.actorName(), h.at()), Collectors.toList())));
        Map<Long, Long> next = new HashMap<>();
        review.supersessions(campaignId).forEach(l -> next.put(l.id(), l.supersededBy()));
        return rows.stream().map(r -> new ReviewDtos.ResponseView(r.id(), r.pointId(), r.locationCode(),
                r.locationName(), r.channel(), r.submittedAt(),
                r.startedAt() == null ? null : Duration.between(r.startedAt(), r.submittedAt()).toSeconds(),
                r.phoneCipher() == null ? null : PhoneNumbers.mask(cipher.decrypt(r.phoneCipher())), r.comment(),
                answers.getOrDefault(r.id(), List.of()), flags.getOrDefault(r.id(), List.of()), r.excluded(),
                r.excludedReason(), r.excluded() && r.excludedCause() != null
                        ? new ReviewDtos.Exclusion(ExclusionCause.valueOf(r.excludedCause()), r.excludedReason(),
                        r.excludedBy(), r.excludedByName(), r.excludedAt()) : null,
                history.getOrDefault(r.id(), List.of()), r.supersededBy(), r.supersededAt(),
                r.supersededBy() == null ? null : current(r.id(), next))).toList();
    }

    /** The version that counts now: follow "superseded by" to its end (amendments form a chain, never a loop). */
    static long current(long id, Map<Long, Long> next) {
        long at = id;
        for (int guard = 0; next.containsKey(at) && guard <= next.size(); guard++) {
            at = next.get(at);
        }
        return at;
    }

    private List<String> args(String jsonArray) {
        try {
            return json.readValue(jsonArray, Argument.listOf(String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
