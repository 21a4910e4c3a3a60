package com.tanfang.evaluation.reconciliation;

import com.tanfang.access.Caller;
import com.tanfang.agreement.Agreement;
import com.tanfang.agreement.Answer;
import com.tanfang.agreement.ChangeRate;
import com.tanfang.agreement.Coefficient;
import com.tanfang.agreement.Estimate;
import com.tanfang.agreement.PairAgreement;
import com.tanfang.agreement.PairedRating;
import com.tanfang.agreement.PercentAgreement;
import com.tanfang.agreement.RatingScale;
import com.tanfang.agreement.Revision;
import com.tanfang.agreement.Tolerance;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.BonusItems;
import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Part;
import com.tanfang.scheme.Scheme;
import com.tanfang.statistics.Rate;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Agreement between the raters of a project's two-rater plans (server/docs/evaluation.md "Agreement"): per
 * project, part and rater pair, one line per answer type, computed by {@link Agreement} (nothing re-implemented
 * here); every difference; per rater the change rate ({@link ChangeRate}). Read-only, computed on each read.
 */
@Singleton
public class AgreementReports {
    private final Projects projects;
    private final ReconciliationStore store;
    private final Reconciliations reconciliations;
    private final Clock clock;

    public AgreementReports(Projects projects, ReconciliationStore store, Reconciliations reconciliations,
                            Clock clock) {
        this.projects = projects;
        this.store = store;
        this.reconciliations = reconciliations;
        this.clock = clock;
    }

    private record ItemInfo(Item item, Part part, int order) {
    }

    /** The team's staff (LEAD, AUDITOR) and ADMIN; staff off the team and every CLIENT 404 (Access). */
    @Transactional(readOnly = true)
    public ReconciliationDtos.Report report(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        EvaluationProject p = projects.get(projectId, caller);
        Scheme scheme = projects.scheme(p);
        Map<String, Reconciliations.ItemFacts> facts = Reconciliations.facts(scheme);
        Map<String, ItemInfo> info = new HashMap<>();
        int order = 0;
        for (Part part : scheme.parts()) {
            for (Group g : part.groups()) {
                for (Item i : g.items()) {
                    info.put(i.name(), new ItemInfo(i, part, order++));
                }
            }
        }
        Map<String, Integer> bonusOrder = new HashMap<>();
        for (BonusItems.Item b : scheme.bonusItems().items()) {
            bonusOrder.put(b.name(), order++);
        }
        Function<String, Integer> orderOf = code -> info.containsKey(code) ? info.get(code).order()
                : bonusOrder.getOrDefault(code, Integer.MAX_VALUE);

        List<ReconciliationDtos.Side> sides = store.pairedAnswers(projectId);
        Map<String, ReconciliationDtos.Confirmed> current = reconciliations.currentByPair(projectId);
        List<ReconciliationDtos.Pair> pairs = new ArrayList<>(Pairing.pairs(sides, code -> {
            Reconciliations.ItemFacts f = facts.get(code);
            return f == null ? null : f.rule();
        }, current));
        pairs.sort(Comparator.comparing((ReconciliationDtos.Pair x) -> orderOf.apply(x.itemCode()))
                .thenComparingLong(ReconciliationDtos.Pair::planId));

        // --- statistics: project, part, rater pair; one line per answer type with a scale
        List<ReconciliationDtos.Group> groups = new ArrayList<>();
        for (AnswerType type : AnswerType.values()) {
            Optional<RatingScale> scale = Tolerances.scale(type);
            if (scale.isEmpty()) {
                continue;
            }
            List<ReconciliationDtos.Pair> ofType = pairs.stream()
                    .filter(x -> facts.get(x.itemCode()).rule().type() == type).toList();
            if (ofType.isEmpty()) {
                continue;
            }
            BigDecimal tolerance = Tolerances.of(type, null);
            groups.add(group(ReconciliationDtos.Level.PROJECT, null, null, null, type, tolerance, scale.get(),
                    ofType, false));
            for (Part part : scheme.parts()) {
                List<ReconciliationDtos.Pair> inPart = ofType.stream().filter(x -> info.containsKey(x.itemCode())
                        && info.get(x.itemCode()).part().key().equals(part.key())).toList();
                if (!inPart.isEmpty()) {
                    groups.add(group(ReconciliationDtos.Level.PART, part.key(), part.titleZh(), part.titleEn(), type,
                            tolerance, scale.get(), inPart, false));
                }
            }
            Map<String, List<ReconciliationDtos.Pair>> byRaters = new LinkedHashMap<>();
            for (ReconciliationDtos.Pair x : ofType) {
                byRaters.computeIfAbsent(raterPair(x), k -> new ArrayList<>()).add(x);
            }
            byRaters.values().forEach(list -> groups.add(group(ReconciliationDtos.Level.RATER_PAIR, null, null, null,
                    type, tolerance, scale.get(), list, true)));
        }

        // --- every difference, and per rater how often a reconciliation changed its rating
        List<ReconciliationDtos.DifferenceRow> differences = new ArrayList<>();
        List<Revision> revisions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ReconciliationDtos.Pair x : pairs) {
            if (x.differ()) {
                ItemInfo i = info.get(x.itemCode());
                BonusItems.Item b = i != null ? null : scheme.bonusItems().items().stream()
                        .filter(y -> y.name().equals(x.itemCode())).findFirst().orElse(null);
                differences.add(new ReconciliationDtos.DifferenceRow(x.itemCode(), i == null ? null : i.part().key(),
                        i != null ? i.item().textZh() : b == null ? "" : b.textZh(),
                        i != null ? i.item().textEn() : b == null ? "" : b.textEn(),
                        facts.get(x.itemCode()).rule().type(), x));
            }
            String key = x.itemCode() + "@" + x.planId();
            for (ReconciliationDtos.Side s : List.of(x.first(), x.second())) {
                Answer original = Pairing.answer(s.value(), s.notApplicable());
                Answer confirmed = x.reconciliation() == null ? original
                        : Pairing.answer(x.reconciliation().value(), x.reconciliation().notApplicable());
                revisions.add(new Revision(s.rater(), key, original, confirmed));
                if (s.raterName() != null) {
                    names.put(s.rater(), s.raterName());
                }
            }
        }
        List<ReconciliationDtos.RaterChange> changes = new ArrayList<>();
        ChangeRate.perRater(revisions).values().forEach(c -> changes.add(new ReconciliationDtos.RaterChange(c.rater(),
                names.get(c.rater()), c.ratings(), c.changed(), percent(c.rate().value().toBigDecimal(6).doubleValue()),
                percent(c.rate().interval().low()), percent(c.rate().interval().high()))));
        Set<Long> plans = new HashSet<>();
        sides.forEach(s -> plans.add(s.planId()));
        return new ReconciliationDtos.Report(projectId, plans.size(), pairs.size(),
                (int) pairs.stream().filter(ReconciliationDtos.Pair::beyondTolerance).count(),
                (int) pairs.stream().filter(x -> x.reconciliation() != null).count(), groups, differences, changes,
                clock.instant());
    }

    /** "auditor|auditor2": the two raters sorted, so the pair is the same whichever copy each rated. */
    private static String raterPair(ReconciliationDtos.Pair x) {
        String a = x.first().rater();
        String b = x.second().rater();
        return a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    /**
     * One line. {@code byRater}: orient every pair as the rater pair (first = the rater sorted first); otherwise the
     * copy with the lower visit id is first (no statistic here depends on which rater is first).
     */
    private static ReconciliationDtos.Group group(ReconciliationDtos.Level level, String partKey, String zh, String en,
                                                  AnswerType type, BigDecimal tolerance, RatingScale scale,
                                                  List<ReconciliationDtos.Pair> pairs, boolean byRater) {
        List<PairedRating> rated = new ArrayList<>();
        ReconciliationDtos.Side firstSide = null;
        ReconciliationDtos.Side secondSide = null;
        for (ReconciliationDtos.Pair x : pairs) {
            ReconciliationDtos.Side a = x.first();
            ReconciliationDtos.Side b = x.second();
            if (byRater && a.rater().compareTo(b.rater()) > 0) {
                a = x.second();
                b = x.first();
            }
            if (firstSide == null) {
                firstSide = a;
                secondSide = b;
            }
            rated.add(new PairedRating(x.itemCode() + "@" + x.planId(),
                    Tolerances.onScale(type, Pairing.answer(a.value(), a.notApplicable())),
                    Tolerances.onScale(type, Pairing.answer(b.value(), b.notApplicable()))));
        }
        PairAgreement agreement = Agreement.between(scale, new Tolerance(tolerance), rated);
        Coefficient kappa = agreement.coefficient(Tolerances.kappa(type));
        Coefficient gwet = agreement.coefficient(Tolerances.gwet(type));
        Coefficient chosen = kappa.isDefined() || !gwet.isDefined() ? kappa : gwet;
        return new ReconciliationDtos.Group(level, partKey, zh, en,
                byRater ? firstSide.rater() : null, byRater ? firstSide.raterName() : null,
                byRater ? secondSide.rater() : null, byRater ? secondSide.raterName() : null, type, tolerance,
                agreement.items(), agreement.rated(), agreement.bothNotApplicable(),
                agreement.notApplicableAgainstValue(), share(agreement.withinTolerance()), share(agreement.exact()),
                statistic(chosen), statistic(gwet));
    }

    private static ReconciliationDtos.Share share(Optional<PercentAgreement> pa) {
        return pa.map(x -> {
            Rate r = x.rate();
            return new ReconciliationDtos.Share(r.successes(), r.trials(), percent(x.value()),
                    percent(r.interval().low()), percent(r.interval().high()));
        }).orElse(null);
    }

    private static ReconciliationDtos.Statistic statistic(Coefficient c) {
        if (!c.isDefined()) {
            return new ReconciliationDtos.Statistic(c.kind(), null, null, null, null, c.undefined().orElseThrow());
        }
        Estimate e = c.estimate().orElseThrow();
        return new ReconciliationDtos.Statistic(c.kind(), round(e.value()), round(e.standardError()),
                e.interval95().map(i -> round(i.low())).orElse(null),
                e.interval95().map(i -> round(i.high())).orElse(null), null);
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    private static BigDecimal percent(double share) {
        return BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP);
    }
}
