package com.tanfang.evaluation;

import com.tanfang.access.Caller;
import com.tanfang.evaluation.reconciliation.Pairing;
import com.tanfang.evaluation.reconciliation.ReconciliationDtos;
import com.tanfang.evaluation.reconciliation.Reconciliations;
import com.tanfang.evaluation.finding.Findings;
import com.tanfang.evaluation.finding.SheetAdjustments;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scheme.BonusItems;
import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Part;
import com.tanfang.scheme.Scheme;
import com.tanfang.scoring.Fraction;
import com.tanfang.scoring.MeasuredCoefficient;
import com.tanfang.scoring.Rating;
import com.tanfang.scoring.ScoreResult;
import com.tanfang.scoring.ScoringEngine;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.results.SurveyResults;
import com.tanfang.visit.BlindRule;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A project's evaluation sheet (issue 12, first part): every item of the pinned scheme version with all its
 * evidence (approved visits' answers, the counted survey campaign's merged score), and the live result through
 * the scoring engine. Reads only: one query per source for the whole project.
 */
@Singleton
public class Evaluations {
    private final Projects projects;
    private final Campaigns campaigns;
    private final SurveyResults surveyResults;
    private final EvidenceRepository evidence;
    private final ApprovedAnswers approvedAnswers;
    private final Reconciliations reconciliations;
    private final Findings findings;
    private final Clock clock;
    private final SheetStates states;
    /** Engines (with their schemes) by version id: a published version never changes; an engine keeps no call state. */
    private final Map<Long, ScoringEngine> engines = new ConcurrentHashMap<>();

    public Evaluations(Projects projects, Campaigns campaigns, SurveyResults surveyResults, EvidenceRepository evidence,
                       ApprovedAnswers approvedAnswers, Reconciliations reconciliations, Findings findings,
                       Clock clock, SheetStates states) {
        this.states = states;
        this.approvedAnswers = approvedAnswers;
        this.reconciliations = reconciliations;
        this.findings = findings;
        this.projects = projects;
        this.campaigns = campaigns;
        this.surveyResults = surveyResults;
        this.evidence = evidence;
        this.clock = clock;
    }

    /**
     * The sheet of a project the caller works on (Access: staff on the team, ADMIN). A CLIENT gets 404 as if the
     * project had no sheet: it reads the released result instead (evaluation.signoff.ClientView). One read-only
     * transaction: every source is read from the same connection.
     */
    @Transactional(readOnly = true)
    public EvaluationDtos.Sheet sheet(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        EvaluationProject p = projects.get(projectId, caller);
        EvaluationDtos.Sheet own = build(p, caller.userId(), caller);
        // The sign-off state compares with the whole sheet (the blind rule left nothing out for the lead: the same).
        return own.withSignOff(states.of(own, () -> own.hiddenVisits() == 0 ? own : build(p, null, caller)));
    }

    /**
     * The whole sheet of a project, as the lead sees it, without its sign-off state: what a sign-off stores
     * (evaluation.signoff). The blind rule hides nothing here: the record holds every approved visit. Access as
     * {@link #sheet}; the caller's role is the sign-off's to check.
     */
    @Transactional(readOnly = true)
    public EvaluationDtos.Sheet sheetForRecord(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        return build(projects.get(projectId, caller), null, caller);
    }

    /** The sheet; {@code viewer}: whose blind rule applies (null: nobody's, the record). */
    private EvaluationDtos.Sheet build(EvaluationProject p, Long viewer, Caller caller) {
        long projectId = p.id();
        // Published versions are immutable: the parsed, validated scheme and its engine are kept per version.
        ScoringEngine engine = engines.computeIfAbsent(p.schemeVersionId(), id -> new ScoringEngine(projects.scheme(p)));
        Scheme scheme = engine.scheme();
        Instant now = clock.instant();

        // --- visits: one query for the answers, one for the photos
        Map<String, Item> byName = new HashMap<>();
        scheme.items().forEach(i -> byName.put(i.name(), i));
        Set<String> bonusNames = new HashSet<>();
        scheme.bonusItems().items().forEach(b -> bonusNames.add(b.name()));
        Map<String, List<Long>> photos = new HashMap<>();
        for (EvidenceRepository.ItemPhoto ph : evidence.approvedPhotos(projectId)) {
            photos.computeIfAbsent(ph.visitId() + "\u0000" + ph.itemCode(), k -> new ArrayList<>()).add(ph.photoId());
        }
        // The blind rule of two-rater visits: a rater of one copy sees the other copy's ratings only once both were
        // submitted; such visits are left out of the caller's sheet and its result (counted in hiddenVisits).
        Map<Long, List<BlindRule.Copy>> copiesByPlan = new HashMap<>();
        Map<Long, BlindRule.Copy> copyOf = new HashMap<>();
        Map<Long, EvidenceRepository.VisitCopy> visitOf = new HashMap<>();
        for (EvidenceRepository.VisitCopy c : evidence.copies(projectId)) {
            BlindRule.Copy copy = new BlindRule.Copy(c.visitId(), c.raterUserId(), c.submittedOnce());
            copiesByPlan.computeIfAbsent(c.planId(), k -> new ArrayList<>()).add(copy);
            copyOf.put(c.visitId(), copy);
            visitOf.put(c.visitId(), c);
        }
        Set<Long> hidden = new HashSet<>();
        // by answer id: a reconciled pair's two ratings are replaced by the confirmed one below
        Map<Long, Rating> ratingByAnswer = new LinkedHashMap<>();
        List<ReconciliationDtos.Side> sides = new ArrayList<>();
        Map<String, List<EvaluationDtos.VisitRating>> ratingsByItem = new HashMap<>();
        Set<Long> visits = new HashSet<>();
        for (EvidenceRepository.ApprovedAnswer a : approvedAnswers.of(projectId)) {
            Item item = byName.get(a.itemCode());
            boolean bonus = item == null && bonusNames.contains(a.itemCode());
            if (item == null && !bonus) {
                continue; // not an item of the pinned version (cannot happen through the capture API)
            }
            EvidenceRepository.VisitCopy visit = visitOf.get(a.visitId());
            if (visit == null) {
                continue; // approved after the copies were read (cannot happen in the one read-only transaction)
            }
            if (hidden.contains(a.visitId()) || viewer != null && !BlindRule.mayRead(viewer, copyOf.get(a.visitId()),
                    copiesByPlan.get(visit.planId()))) {
                hidden.add(a.visitId());
                continue;
            }
            String rater = visit.raterUsername() != null ? visit.raterUsername() : "visit " + a.visitId();
            Optional<Rating> rating = SheetRules.rating(a.itemCode(), bonus ? com.tanfang.scheme.AnswerType.YES_NO
                    : item.answerType(), rater, SheetRules.visitName(a.visitId()), a.value(), a.notApplicable());
            if (rating.isEmpty()) {
                continue;
            }
            ratingByAnswer.put(a.answerId(), rating.get());
            visits.add(a.visitId());
            if (copiesByPlan.get(visit.planId()).size() == 2) {
                sides.add(new ReconciliationDtos.Side(a.answerId(), a.visitId(), visit.planId(), a.itemCode(),
                        visit.raterUserId(), rater, visit.raterName(), a.value(), a.notApplicable(),
                        a.notApplicableReason()));
            }
            ratingsByItem.computeIfAbsent(a.itemCode(), k -> new ArrayList<>()).add(new EvaluationDtos.VisitRating(
                    a.answerId(), a.visitId(), visit.mode(), visit.raterUserId(), rater, visit.raterName(), a.value(),
                    a.notApplicable(), a.notApplicableReason(), a.note(),
                    photos.getOrDefault(a.visitId() + "\u0000" + a.itemCode(), List.of())));
        }

        // --- two raters: the copies of one two-rater plan pair item by item; a current reconciliation of exactly
        // those two answers replaces them in the result by the confirmed rating (rater "[reconciled]" on the plan)
        List<ReconciliationDtos.Pair> pairs = Pairing.pairs(sides, code -> {
            Item item = byName.get(code);
            return item != null ? new Pairing.ItemRule(item.answerType(), item.numericRange())
                    : bonusNames.contains(code) ? new Pairing.ItemRule(com.tanfang.scheme.AnswerType.YES_NO, null) : null;
        }, reconciliations.currentByPair(projectId));
        List<Rating> confirmedRatings = new ArrayList<>();
        Map<String, List<ReconciliationDtos.Pair>> differencesByItem = new HashMap<>();
        Set<String> toReconcile = new HashSet<>();
        for (ReconciliationDtos.Pair pair : pairs) {
            ReconciliationDtos.Confirmed c = pair.reconciliation();
            if (pair.beyondTolerance() || c != null) {
                differencesByItem.computeIfAbsent(pair.itemCode(), k -> new ArrayList<>()).add(pair);
            }
            if (c == null) {
                if (pair.beyondTolerance()) {
                    toReconcile.add(pair.itemCode());
                }
                continue;
            }
            Item item = byName.get(pair.itemCode());
            Optional<Rating> confirmed = SheetRules.rating(pair.itemCode(), item == null
                    ? com.tanfang.scheme.AnswerType.YES_NO : item.answerType(), SheetRules.RECONCILED_RATER,
                    SheetRules.planName(pair.planId()), c.value(), c.notApplicable());
            ratingByAnswer.remove(pair.first().answerId());
            ratingByAnswer.remove(pair.second().answerId());
            confirmed.ifPresent(confirmedRatings::add);
        }
        List<Rating> ratings = new ArrayList<>(ratingByAnswer.values());
        ratings.addAll(confirmedRatings);

        // --- the survey: the counted campaign's results, as its results screen computes them
        List<SurveyCampaign> all = campaigns.list(projectId, caller);
        Optional<SurveyCampaign> counted = SheetRules.countedCampaign(all, now, SurveyCampaign::opensAt,
                SurveyCampaign::closesAt, SurveyCampaign::id);
        Map<String, EvaluationDtos.SurveyEvidence> surveyByItem = new HashMap<>();
        List<MeasuredCoefficient> measured = new ArrayList<>();
        EvaluationDtos.SurveySource source;
        if (counted.isPresent()) {
            SurveyCampaign c = counted.get();
            SurveyResults.Results r = surveyResults.compute(c, campaigns.questions(c.id()),
                    campaigns.activePoints(c.id()), scheme);
            for (SurveyResults.QuestionResult q : r.questions()) {
                Item item = q.itemCode() == null ? null : byName.get(q.itemCode());
                if (!q.scored() || item == null || !item.methods().contains(Method.CUSTOMER_SURVEY)) {
                    continue;
                }
                SurveyResults.Stats s = q.all().merged();
                Fraction coefficient = s.exactScore() == null ? null
                        : Fraction.parse(s.exactScore()).divide(Fraction.HUNDRED);
                surveyByItem.put(item.name(), new EvaluationDtos.SurveyEvidence(c.id(), q.questionId(), s.score(),
                        s.scoreLow(), s.scoreHigh(), s.answered(), s.dontKnows(), s.notApplicable(),
                        coefficient == null ? null : coefficient.toString()));
                if (coefficient != null) {
                    measured.add(new MeasuredCoefficient(item.name(), "survey #" + c.id(), coefficient));
                }
            }
            source = new EvaluationDtos.SurveySource(c.id(), c.titleZh(), c.titleEn(), c.opensAt(), c.closesAt(),
                    !c.closesAt().isAfter(now), all.size(), r.online() + r.offline());
        } else {
            source = new EvaluationDtos.SurveySource(null, null, null, null, null, false, all.size(), 0);
        }

        // --- the lead's findings: N/A decisions, deductions, bonus (finding.SheetAdjustments says how they combine)
        SheetAdjustments adjustments = findings.forSheet(projectId, scheme);

        // --- the live result
        ScoreResult result = engine.score(adjustments.ratings(ratings), adjustments.deductions(), adjustments.bonus(),
                List.of(), adjustments.measured(measured));
        Set<String> missing = new HashSet<>(result.missingItems());

        List<EvaluationDtos.ItemRow> rows = new ArrayList<>();
        for (Part part : scheme.parts()) {
            for (Group group : part.groups()) {
                for (Item item : group.items()) {
                    List<Method> later = item.methods().stream().filter(SheetRules.LATER_METHODS::contains).toList();
                    rows.add(new EvaluationDtos.ItemRow(item.name(), item.clause(), item.code(), part.key(),
                            group.clause(), false, item.textZh(), item.textEn(), item.points(),
                            List.copyOf(item.methods()), item.answerType(), item.notApplicableAllowed(),
                            ratingsByItem.getOrDefault(item.name(), List.of()), surveyByItem.get(item.name()),
                            missing.contains(item.name()), later,
                            differencesByItem.getOrDefault(item.name(), List.of()), toReconcile.contains(item.name())));
                }
            }
        }
        for (BonusItems.Item b : scheme.bonusItems().items()) {
            rows.add(new EvaluationDtos.ItemRow(b.name(), b.clause(), b.code(), null, null, true, b.textZh(),
                    b.textEn(), b.points(), List.of(), com.tanfang.scheme.AnswerType.YES_NO, false,
                    ratingsByItem.getOrDefault(b.name(), List.of()), null, false, List.of(),
                    differencesByItem.getOrDefault(b.name(), List.of()), toReconcile.contains(b.name())));
        }
        List<EvaluationDtos.Provisional> reasons = new ArrayList<>();
        if (!missing.isEmpty()) {
            reasons.add(EvaluationDtos.Provisional.MISSING_ITEMS);
        }
        if (source.campaignId() != null && !source.closed()) {
            reasons.add(EvaluationDtos.Provisional.SURVEY_IN_FIELDWORK);
        }
        return new EvaluationDtos.Sheet(p.id(), p.title(), p.titleEn(), p.schemeVersionId(), scheme.code(),
                scheme.titleZh(), scheme.titleEn(), !reasons.isEmpty(), List.copyOf(reasons), missing.size(),
                visits.size(), hidden.size(), source, rows, result, now,
                adjustments.naDecisions(), adjustments.adjustments(), null);
    }
}
