package com.tanfang.evaluation.surveyreview;

import com.tanfang.access.Caller;
import com.tanfang.evaluation.EvaluationDtos;
import com.tanfang.evaluation.Evaluations;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.evidence.SubjectType;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Scheme;
import com.tanfang.scoring.Fraction;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survey review: the counted campaign's scored items whose score is below the campaign's low-score threshold
 * (the rule its results screen flags them by), beside the on-site ratings of the same item, and the lead's
 * decisions on them. Staff only: a CLIENT never sees it (404), nor the respondents' comments.
 */
@Singleton
public class SurveyReviews {
    /** Comments shown per item (the newest). */
    static final int COMMENTS_PER_ITEM = 50;

    private final Evaluations evaluations;
    private final Projects projects;
    private final Campaigns campaigns;
    private final SurveyReviewRecords.Decisions decisions;
    private final SurveyReviewRecords.Comments comments;
    private final EvidenceLog evidence;
    private final Clock clock;

    public SurveyReviews(Evaluations evaluations, Projects projects, Campaigns campaigns,
                         SurveyReviewRecords.Decisions decisions, SurveyReviewRecords.Comments comments,
                         EvidenceLog evidence, Clock clock) {
        this.evaluations = evaluations;
        this.projects = projects;
        this.campaigns = campaigns;
        this.decisions = decisions;
        this.comments = comments;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The review of a project the caller works on (the sheet's access: team staff, ADMIN; a CLIENT 404). */
    @Transactional(readOnly = true)
    public SurveyReviewDtos.Review review(long projectId, Caller caller) {
        return build(projectId, caller);
    }

    /**
     * Records the lead's decision on one low item (the project's lead or an ADMIN): appended, never updated; the
     * newest decision per item is the current one. One write, one evidence row, in this transaction.
     */
    @Transactional
    public SurveyReviewRecords.DecisionView decide(long projectId, SurveyReviewDtos.DecisionInput in, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        EvaluationProject p = projects.get(projectId, caller);
        if (!caller.isAdmin() && p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("evaluation.survey_review.lead_or_admin");
        }
        String code = in.itemCode().trim();
        SurveyReviewDtos.Review review = build(projectId, caller);
        SurveyReviewDtos.LowItem low = review.items().stream().filter(i -> i.itemCode().equals(code)).findFirst()
                .orElseThrow(() -> InvalidException.field("itemCode", "evaluation.survey_review.item_not_low", code));
        SurveyReviewRecords.DecisionRow row = decisions.save(new SurveyReviewRecords.DecisionRow(null, p.id(),
                low.survey().campaignId(), low.survey().questionId(), code, in.decision(), in.note().trim(),
                low.survey().score(), caller.userId(), clock.instant()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decisionId", row.id());
        detail.put("itemCode", code);
        detail.put("campaignId", row.campaignId());
        detail.put("questionId", row.questionId());
        detail.put("score", row.score() == null ? null : row.score().toPlainString());
        detail.put("threshold", review.threshold() == null ? null : review.threshold().toPlainString());
        detail.put("decision", row.decision().name());
        detail.put("note", row.note());
        detail.put("supersedes", low.decision() == null ? null : low.decision().id());
        evidence.record(new Subject(SubjectType.EVALUATION, p.id()), "evaluation.survey_review.decide",
                caller.userId(), detail);
        return decisions.ofProject(p.id()).stream().filter(d -> d.id() == row.id()).findFirst().orElseThrow();
    }

    private SurveyReviewDtos.Review build(long projectId, Caller caller) {
        EvaluationDtos.Sheet sheet = evaluations.sheet(projectId, caller); // the access check (CLIENT: 404)
        EvaluationProject p = projects.get(projectId, caller);
        Scheme scheme = projects.scheme(p);
        Long campaignId = sheet.survey().campaignId();
        if (campaignId == null) {
            return new SurveyReviewDtos.Review(p.id(), sheet.survey(), null, List.of());
        }
        SurveyCampaign campaign = campaigns.get(campaignId, caller);
        BigDecimal threshold = campaign.lowScoreThreshold();
        Map<String, EvaluationDtos.ItemRow> rows = new HashMap<>();
        sheet.items().forEach(r -> rows.put(r.name(), r));
        Map<String, Item> items = new HashMap<>();
        scheme.items().forEach(i -> items.put(i.name(), i));
        Map<String, List<SurveyReviewRecords.DecisionView>> byItem = new HashMap<>();
        for (SurveyReviewRecords.DecisionView d : decisions.ofProject(p.id())) {
            byItem.computeIfAbsent(d.itemCode(), k -> new ArrayList<>()).add(d);
        }
        List<SurveyReviewDtos.LowItem> low = new ArrayList<>();
        for (EvaluationDtos.ItemRow row : sheet.items()) {
            EvaluationDtos.SurveyEvidence s = row.survey();
            if (s == null || s.coefficient() == null) {
                continue;
            }
            Fraction score = Fraction.parse(s.coefficient()).multiply(Fraction.HUNDRED);
            if (score.compareTo(threshold) >= 0) {
                continue;
            }
            Item item = items.get(row.name());
            List<SurveyReviewDtos.OnSiteItem> onSite = new ArrayList<>();
            for (RelatedItems.Related r : RelatedItems.of(scheme, item)) {
                EvaluationDtos.ItemRow other = rows.get(r.item().name());
                onSite.add(new SurveyReviewDtos.OnSiteItem(r.item().name(), r.item().clause(), r.item().textZh(),
                        r.item().textEn(), r.item().answerType(), r.relation(), other != null && other.missing(),
                        other == null ? List.of() : other.ratings()));
            }
            boolean clearly = s.scoreHigh() != null && s.scoreHigh().compareTo(threshold) < 0;
            List<SurveyReviewRecords.DecisionView> history = byItem.getOrDefault(row.name(), List.of());
            low.add(new SurveyReviewDtos.LowItem(row.name(), row.clause(), row.textZh(), row.textEn(), s, clearly,
                    onSite, comments.lowAnswersWithComment(campaignId, s.questionId(), COMMENTS_PER_ITEM),
                    history.isEmpty() ? null : history.get(0), history));
        }
        low.sort(Comparator.comparing((SurveyReviewDtos.LowItem i) -> Fraction.parse(i.survey().coefficient()))
                .thenComparing(SurveyReviewDtos.LowItem::itemCode));
        return new SurveyReviewDtos.Review(p.id(), sheet.survey(), threshold, low);
    }
}
