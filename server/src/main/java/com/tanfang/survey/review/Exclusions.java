package com.tanfang.survey.review;

import com.tanfang.message.ConflictException;
import com.tanfang.message.NotFoundException;

import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * Leaving a response out of every result: the response records that it is excluded, why (cause and reason),
 * by whom and when, and the evidence log records the same, in one transaction. Nothing is deleted.
 */
@Singleton
public class Exclusions {
    private final SurveyRepositories.Responses responses;
    private final EvidenceLog evidence;

    public Exclusions(SurveyRepositories.Responses responses, EvidenceLog evidence) {
        this.responses = responses;
        this.evidence = evidence;
    }

    /** A lead's exclusion on review: 404 for a response not in the campaign, 409 when already excluded. */
    @Transactional
    public void excludeOnReview(long campaignId, long responseId, String reason, long leadId) {
        SurveyResponse r = responses.findById(responseId).filter(x -> x.campaignId() == campaignId)
                .orElseThrow(() -> NotFoundException.of("not_found.response", responseId));
        if (!exclude(r, ExclusionCause.LEAD_REVIEW, reason.trim(), leadId, Map.of())) {
            SurveyResponse now = responses.findById(responseId).orElseThrow();
            throw ConflictException.field("reason", "review.already_excluded", now.excludedReason());
        }
    }

    /**
     * Excludes {@code r} unless it already is (the conditional update decides, so two concurrent exclusions
     * cannot both win); true when this call excluded it. {@code context} adds to the evidence detail.
     */
    @Transactional
    public boolean exclude(SurveyResponse r, ExclusionCause cause, String reason, long userId, Map<String, ?> context) {
        if (responses.exclude(r.id(), cause.name(), reason, userId) == 0) {
            return false;
        }
        Map<String, Object> detail = new HashMap<>(context);
        detail.put("campaignId", r.campaignId());
        detail.put("cause", cause);
        detail.put("reason", reason);
        evidence.record(Subject.response(r.id()), "response.excluded", userId, detail);
        return true;
    }

    /**
     * Takes back an exclusion of the given cause (e.g. a call-back denial recorded by mistake) with a reason; an
     * exclusion of another cause stays. True when this call restored the response; logged {@code response.restored}
     * with the exclusion it takes back.
     */
    @Transactional
    public boolean restore(SurveyResponse r, ExclusionCause cause, String reason, long userId, Map<String, ?> context) {
        SurveyResponse before = responses.findById(r.id()).orElseThrow();
        if (responses.restore(r.id(), cause.name()) == 0) {
            return false;
        }
        Map<String, Object> detail = new HashMap<>(context);
        detail.put("campaignId", r.campaignId());
        detail.put("cause", cause);
        detail.put("reason", reason);
        detail.put("exclusionReason", before.excludedReason());
        evidence.record(Subject.response(r.id()), "response.restored", userId, detail);
        return true;
    }
}
