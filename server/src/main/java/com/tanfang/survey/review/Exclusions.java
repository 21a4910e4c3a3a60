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
 * by whom and when, and the evidence log records the same, in one transaction. Nothing is deleted. A lead's own
 * exclusion can be undone with a reason; the undo is logged with what it undid, so the history stays complete.
 */
@Singleton
public class Exclusions {
    private final SurveyRepositories.Responses responses;
    private final ReviewRepository review;
    private final EvidenceLog evidence;

    public Exclusions(SurveyRepositories.Responses responses, ReviewRepository review, EvidenceLog evidence) {
        this.responses = responses;
        this.review = review;
        this.evidence = evidence;
    }

    /**
     * A lead's exclusion on review, flagged or not: 404 for a response not in the campaign, 409 when already
     * excluded or superseded (an amended version counts nowhere already; its current version is the one to judge).
     */
    @Transactional
    public void excludeOnReview(long campaignId, long responseId, String reason, long leadId) {
        ReviewRepository.State state = inCampaign(campaignId, responseId);
        if (state.supersededBy() != null) {
            throw ConflictException.field("reason", "review.superseded", responseId, state.supersededBy());
        }
        SurveyResponse r = responses.findById(responseId).orElseThrow();
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
     * Counts a lead-excluded response again, with the reason why. 409 when it is not excluded, superseded, or
     * excluded because its respondent denied answering on a call-back (that follows the call-back's outcome, not a
     * lead's review: the verifier undoes it there).
     */
    @Transactional
    public void undoOnReview(long campaignId, long responseId, String reason, long leadId) {
        ReviewRepository.State state = inCampaign(campaignId, responseId);
        if (state.supersededBy() != null) {
            throw ConflictException.field("reason", "review.superseded", responseId, state.supersededBy());
        }
        if (!state.excluded()) {
            throw ConflictException.field("reason", "review.not_excluded", responseId);
        }
        if (!ExclusionCause.LEAD_REVIEW.name().equals(state.excludedCause())) {
            throw ConflictException.field("reason", "review.undo_callback_denied", responseId);
        }
        if (!restore(responses.findById(responseId).orElseThrow(), ExclusionCause.LEAD_REVIEW, reason.trim(), leadId,
                Map.of())) {
            // Another lead undid it meanwhile (the conditional update decides).
            throw ConflictException.field("reason", "review.not_excluded", responseId);
        }
    }

    /**
     * The one way an exclusion is taken back, whatever its cause (a lead's review, a call-back denial recorded by
     * mistake): only an exclusion of {@code cause} is cleared (the conditional update decides, so two concurrent
     * undos cannot both win), and {@code response.exclusion_undone} records what it undid, in the same
     * transaction. True when this call restored the response.
     */
    @Transactional
    public boolean restore(SurveyResponse r, ExclusionCause cause, String reason, long userId, Map<String, ?> context) {
        SurveyResponse before = responses.findById(r.id()).orElseThrow();
        if (responses.restore(r.id(), cause.name()) == 0) {
            return false;
        }
        Map<String, Object> detail = new HashMap<>(context);
        detail.put("campaignId", r.campaignId());
        detail.put("reason", reason);
        detail.put("undoneCause", cause);
        detail.put("undoneReason", before.excludedReason());
        detail.put("undoneExcludedBy", before.excludedBy());
        detail.put("undoneExcludedAt", before.excludedAt() == null ? null : before.excludedAt().toString());
        evidence.record(Subject.response(r.id()), "response.exclusion_undone", userId, detail);
        return true;
    }

    private ReviewRepository.State inCampaign(long campaignId, long responseId) {
        return review.state(responseId).filter(x -> x.campaignId() == campaignId)
                .orElseThrow(() -> NotFoundException.of("not_found.response", responseId));
    }
}
