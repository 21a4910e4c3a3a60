package com.tanfang.scoring;

import com.tanfang.message.FieldProblem;
import com.tanfang.scheme.Decimals;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.BonusItems;
import com.tanfang.scheme.Combination;
import com.tanfang.scheme.GradeTable;
import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Part;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SchemeValidator;
import com.tanfang.scheme.SpecialRules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores ratings against a {@link Scheme} (004 §6.1). Rules, including the product decisions:
 * <ol>
 *   <li>Item score = points × coefficient; the coefficient comes from {@link Coefficients} (Likert via the
 *       scheme's mapping, yes/no 1 or 0, percent / 100, numeric through the item's range).</li>
 *   <li>Several raters or visits: combined as the scheme's {@link Combination} says (default, 004 §6.1.4:
 *       the mean over each rater's visits, then the mean over raters; or a flat mean over all ratings;
 *       Likert: mean of coefficients or coefficient of the mean answer; yes/no: mean or all or nothing by
 *       majority). The rule is printed in the explanation.</li>
 *   <li>Veto items (一票否决): one rating giving an item's veto answer fails the evaluation, as does a veto
 *       entered by the audit team; the reasons are listed.</li>
 *   <li>Gating: a part gated by another is evaluated only when that part passes; otherwise it is
 *       {@link ItemStatus#NOT_EVALUATED}, never scored, and the evaluation fails without a total.</li>
 *   <li>Bonus items (加分项) are added after pro-rating, outside it, capped at their cap.</li>
 *   <li>Parts reported separately: no total; each part on its own scale, grades on part conditions.</li>
 *   <li>N/A (only on items that allow it): when <b>every</b> rating of an item is N/A the item leaves the
 *       denominator. When raters disagree, <b>any real answer wins</b>: the item is applicable, its mean is
 *       over the real answers, and a warning names the raters who said N/A.</li>
 *   <li>An item nobody rated is <b>MISSING</b>: it stays in the denominator with 0 achieved, is listed in
 *       {@link ScoreResult#missingItems()} and the result is marked incomplete (not silently zero).</li>
 *   <li>Pro-rating: total = achieved / applicable × full marks. Parts report achieved / applicable × 100 as
 *       their percentage, which their {@code passMinimum} is compared with.</li>
 *   <li>Special deductions and the bonus apply after pro-rating; the bonus is capped at the scheme's max.
 *       The total never goes below 0. The grade table and the lowest-grade check apply to this final total
 *       (004 is ambiguous whether the 70 check comes before deductions; we check after).</li>
 *   <li>Fail: total below the lowest grade minimum, the scheme's deduction fail rule, a part below its
 *       pass minimum, or nothing applicable at all. All failing conditions are reported.</li>
 *   <li>Everything is exact ({@link Fraction}); only {@link Display} rounds.</li>
 * </ol>
 * An engine precomputes the scheme's item index and can be reused (it holds no per-call state).
 * Invalid input raises a {@link InvalidException} listing every problem with its path, e.g.
 * {@code ratings[3].likert: must be 1..5}.
 */
public final class ScoringEngine {
    /** Largest items x raters count table (ints) built to tell whether raters gave equal numbers of ratings. */
    private static final long MATRIX_LIMIT = 4_000_000;

    /** Up to this many ratings an item's explanation lists every rater; above it, answer counts. */
    static final int DETAIL_LIMIT = 10;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static final Fraction HALF = Fraction.of(1, 2);

    private final Scheme scheme;
    private final Combination combination;
    /** The items of the parts, then the bonus items (index ≥ {@code items.length}). */
    private final Item[] items;
    private final BonusItems.Item[] bonusItems;
    private final Fraction[] itemPoints;
    private final Map<String, Integer> index = new HashMap<>();

    public ScoringEngine(Scheme scheme) {
        this.scheme = scheme;
        this.combination = scheme.combination();
        this.items = scheme.items().toArray(Item[]::new);
        this.bonusItems = scheme.bonusItems().items().toArray(BonusItems.Item[]::new);
        this.itemPoints = new Fraction[items.length + bonusItems.length];
        for (int i = 0; i < items.length; i++) {
            itemPoints[i] = Fraction.of(items[i].points());
        }
        for (int b = 0; b < bonusItems.length; b++) {
            itemPoints[items.length + b] = Fraction.of(bonusItems[b].points());
        }
        for (int i = 0; i < itemPoints.length; i++) {
            String code = i < items.length ? items[i].code() : bonusItems[i - items.length].code();
            if (code != null) {
                index.putIfAbsent(code, i);
            }
        }
        for (int i = 0; i < itemPoints.length; i++) {
            index.putIfAbsent(i < items.length ? items[i].clause() : bonusItems[i - items.length].clause(), i); // codes win over clauses
        }
    }

    private AnswerType answerType(int i) {
        return i < items.length ? items[i].answerType() : AnswerType.YES_NO;
    }

    private String name(int i) {
        return i < items.length ? items[i].name() : bonusItems[i - items.length].name();
    }

    private boolean notApplicableAllowed(int i) {
        return i < items.length && items[i].notApplicableAllowed();
    }

    public Scheme scheme() {
        return scheme;
    }

    public static ScoreResult score(Scheme scheme, List<Rating> ratings, List<Deduction> deductions, Bonus bonus) {
        return new ScoringEngine(scheme).score(ratings, deductions, bonus);
    }

    /**
     * Checks ratings without scoring them, e.g. when a rater submits them one by one; the same rules as
     * {@link #score}, with the same paths (index within {@code ratings}).
     */
    public List<FieldProblem> check(List<Rating> ratings) {
        Tally tally = new Tally(itemPoints.length, ratings.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int r = 0; r < ratings.size(); r++) {
            tally(ratings.get(r), r, tally, problems);
        }
        return List.copyOf(problems);
    }

    public ScoreResult score(List<Rating> ratings) {
        return score(ratings, List.of(), null, List.of());
    }

    public ScoreResult score(List<Rating> ratings, List<Deduction> deductions, Bonus bonus) {
        return score(ratings, deductions, bonus, List.of());
    }

    /**
     * @param deductions special deductions, may be empty
     * @param bonus      may be {@code null}
     * @param vetoes     vetoes entered by the audit team, may be empty
     * @throws InvalidException listing every invalid rating, deduction, bonus or veto
     */
    public ScoreResult score(List<Rating> ratings, List<Deduction> deductions, Bonus bonus, List<Veto> vetoes) {
        return score(ratings, deductions, bonus, vetoes, List.of());
    }

    /**
     * As {@link #score(List, List, Bonus, List)}, with coefficients measured outside the ratings (the customer
     * survey's, see {@link MeasuredCoefficient}); at most one per item and source.
     */
    public ScoreResult score(List<Rating> ratings, List<Deduction> deductions, Bonus bonus, List<Veto> vetoes,
                             List<MeasuredCoefficient> measured) {
        Tally tally = new Tally(itemPoints.length, ratings.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int r = 0; r < ratings.size(); r++) {
            tally(ratings.get(r), r, tally, problems);
        }
        measured(measured == null ? List.of() : measured, tally, problems);
        Fraction deducted = deductions(deductions == null ? List.of() : deductions, problems);
        checkBonus(bonus, problems);
        List<Veto> entered = vetoes == null ? List.of() : vetoes;
        checkVetoes(entered, problems);
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        return result(ratings, tally, deductions == null ? List.of() : deductions, deducted, bonus, entered);
    }

    // ---------------------------------------------------------------- accumulation (hot path)

    /** Primitive per-item counters; exact fractions are built per item afterwards, never per rating. */
    private static final class Tally {
        final int[] likert;       // 5 counters per item
        final int[] yes;
        final int[] answered;     // non-N/A ratings
        final int[] notApplicable;
        final long[] percentHundredths;
        final Fraction[] numericSum;
        final int[] head;         // per item, the latest rating index (linked through next) – for explanations
        final int[] next;
        Fraction[] measuredSum;   // per item, Σ measured coefficients (null without any)
        int[] measuredCount;
        List<List<String>> measuredText; // per item, "source: coefficient" for the explanation
        Set<String> visits;       // item, rater and visit of the ratings that name a visit (duplicates are refused)
        // Raters interned to ints during the tally, so that combining per rater needs no hashing of names:
        // raterOf[r] is the rater of answered rating r, -1 for N/A ratings (and rejected ones).
        final int[] raterOf;
        final Map<String, Integer> raterIds = new HashMap<>();
        final List<String> raterNames = new ArrayList<>();
        int raters;
        String lastRater;         // ratings usually come rater by rater: skip the lookup while it repeats
        int lastRaterId = -1;
        final int[] itemOf;       // item index of each accepted rating
        int[] matrix;             // ratings per (item, rater), items x raters, when that is small enough
        int[] raterCount;         // otherwise scratch per rater id for one item at a time (all zero between items)
        int[] touched;

        Tally(int items, int ratings) {
            likert = new int[items * 5];
            yes = new int[items];
            answered = new int[items];
            notApplicable = new int[items];
            percentHundredths = new long[items];
            numericSum = new Fraction[items];
            head = new int[items];
            Arrays.fill(head, -1);
            next = new int[ratings];
            raterOf = new int[ratings];
            itemOf = new int[ratings];
            Arrays.fill(raterOf, -1); // rejected ratings count for no rater
        }

        int raterId(String rater) {
            if (rater.equals(lastRater)) {
                return lastRaterId;
            }
            Integer id = raterIds.get(rater);
            if (id == null) {
                id = raters++;
                raterIds.put(rater, id);
                raterNames.add(rater);
            }
            lastRater = rater;
            lastRaterId = id;
            return id;
        }
    }

    private void tally(Rating rating, int r, Tally t, List<FieldProblem> problems) {
        if (rating == null) {
            problems.add(problem(r, "", "rating.required"));
            return;
        }
        Integer i = rating.item() == null ? null : index.get(rating.item());
        if (i == null) {
            problems.add(rating.item() == null ? problem(r, ".item", "required")
                    : problem(r, ".item", "rating.unknown_item", rating.item(), scheme.code()));
            return;
        }
        if (rating.rater() == null || rating.rater().isBlank()) {
            problems.add(problem(r, ".rater", "required"));
            return;
        }
        if (rating.rater().length() > SchemeValidator.MAX_TITLE) {
            problems.add(problem(r, ".rater", "text.too_long", SchemeValidator.MAX_TITLE, rating.rater().length()));
            return;
        }
        if (rating.visit() != null && rating.visit().length() > SchemeValidator.MAX_TITLE) {
            problems.add(problem(r, ".visit", "text.too_long", SchemeValidator.MAX_TITLE, rating.visit().length()));
            return;
        }
        // bounded before any conversion: 1e300000 would make an exact fraction of 10^300000 (Decimals)
        int before = problems.size();
        // (the field name is built only for a problem: one string per rating costs more than the whole tally)
        if (rating.percent() != null && !Decimals.within(rating.percent())) {
            Decimals.problem("ratings[" + r + "].percent", rating.percent()).ifPresent(problems::add);
        }
        if (rating.numeric() != null && !Decimals.within(rating.numeric())) {
            Decimals.problem("ratings[" + r + "].numeric", rating.numeric()).ifPresent(problems::add);
        }
        if (problems.size() > before) {
            return;
        }
        if (rating.answerCount() != 1) {
            problems.add(problem(r, "", "rating.answer_count", rating.answerCount()));
            return;
        }
        if (rating.visit() != null && !rating.visit().isBlank()) {
            if (t.visits == null) {
                t.visits = new HashSet<>();
            }
            if (!t.visits.add(i + "\u0000" + rating.rater() + "\u0000" + rating.visit())) {
                problems.add(problem(r, ".visit", "rating.duplicate", name(i), rating.rater(), rating.visit()));
                return;
            }
        }
        if (rating.isNotApplicable()) {
            if (!notApplicableAllowed(i)) {
                problems.add(problem(r, ".notApplicable", "rating.na_not_allowed", name(i)));
                return;
            }
            t.notApplicable[i]++;
            t.raterOf[r] = -1;
        } else {
            switch (answerType(i)) {
                case LIKERT_5 -> {
                    Integer a = rating.likert();
                    if (a == null) {
                        problems.add(wrongKind(r, i, rating));
                        return;
                    }
                    if (a < 1 || a > 5) {
                        problems.add(problem(r, ".likert", "rating.range", "1..5", a));
                        return;
                    }
                    t.likert[i * 5 + a - 1]++;
                }
                case YES_NO -> {
                    if (rating.yes() == null) {
                        problems.add(wrongKind(r, i, rating));
                        return;
                    }
                    if (rating.yes()) {
                        t.yes[i]++;
                    }
                }
                case PERCENT -> {
                    BigDecimal p = rating.percent();
                    if (p == null) {
                        problems.add(wrongKind(r, i, rating));
                        return;
                    }
                    if (p.signum() < 0 || p.compareTo(HUNDRED) > 0) {
                        problems.add(problem(r, ".percent", "rating.range", "0..100", p.toPlainString()));
                        return;
                    }
                    long hundredths;
                    try {
                        hundredths = p.movePointRight(2).longValueExact();
                    } catch (ArithmeticException e) {
                        problems.add(problem(r, ".percent", "rating.precision", p.toPlainString()));
                        return;
                    }
                    t.percentHundredths[i] += hundredths;
                }
                case NUMERIC -> {
                    if (rating.numeric() == null) {
                        problems.add(wrongKind(r, i, rating));
                        return;
                    }
                    Fraction c = Coefficients.numeric(items[i].numericRange(), rating.numeric());
                    t.numericSum[i] = t.numericSum[i] == null ? c : t.numericSum[i].add(c);
                }
            }
            t.answered[i]++;
            t.raterOf[r] = t.raterId(rating.rater());
        }
        t.itemOf[r] = i;
        t.next[r] = t.head[i];
        t.head[i] = r;
    }

    /** Checks and records the measured coefficients (items of the parts only; 0..1; one per item and source). */
    private void measured(List<MeasuredCoefficient> measured, Tally t, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < measured.size(); k++) {
            MeasuredCoefficient m = measured.get(k);
            String path = "measured[" + k + "]";
            if (m == null) {
                problems.add(FieldProblem.of(path, "required"));
                continue;
            }
            Integer i = m.item() == null ? null : index.get(m.item());
            if (i == null || i >= items.length) {
                problems.add(m.item() == null ? FieldProblem.of(path + ".item", "required")
                        : FieldProblem.of(path + ".item", "rating.unknown_item", m.item(), scheme.code()));
                continue;
            }
            if (m.source() == null || m.source().isBlank()) {
                problems.add(FieldProblem.of(path + ".source", "required"));
                continue;
            }
            if (m.coefficient() == null || m.coefficient().signum() < 0 || m.coefficient().compareTo(Fraction.ONE) > 0) {
                problems.add(FieldProblem.of(path + ".coefficient", "rating.range", "0..1",
                        String.valueOf(m.coefficient())));
                continue;
            }
            if (!seen.add(i + "\u0000" + m.source())) {
                problems.add(FieldProblem.of(path + ".source", "rating.duplicate", name(i), m.source(), ""));
                continue;
            }
            if (t.measuredSum == null) {
                t.measuredSum = new Fraction[itemPoints.length];
                t.measuredCount = new int[itemPoints.length];
                t.measuredText = new ArrayList<>();
                for (int x = 0; x < itemPoints.length; x++) {
                    t.measuredText.add(null);
                }
            }
            t.measuredSum[i] = t.measuredSum[i] == null ? m.coefficient() : t.measuredSum[i].add(m.coefficient());
            t.measuredCount[i]++;
            if (t.measuredText.get(i) == null) {
                t.measuredText.set(i, new ArrayList<>());
            }
            t.measuredText.get(i).add(m.source() + ": " + Display.format(m.coefficient()));
        }
    }

    private static int measuredCount(Tally t, int i) {
        return t.measuredCount == null ? 0 : t.measuredCount[i];
    }

    private FieldProblem wrongKind(int r, int i, Rating rating) {
        String field = switch (answerType(i)) {
            case LIKERT_5 -> "likert";
            case YES_NO -> "yes";
            case PERCENT -> "percent";
            case NUMERIC -> "numeric";
        };
        return problem(r, "." + field, "rating.wrong_kind", name(i), answerType(i), field, rating.answerText());
    }

    private static FieldProblem problem(int r, String field, String code, Object... args) {
        return FieldProblem.of("ratings[" + r + "]" + field, code, args);
    }

    private Fraction deductions(List<Deduction> deductions, List<FieldProblem> problems) {
        Fraction sum = Fraction.ZERO;
        for (int d = 0; d < deductions.size(); d++) {
            Deduction deduction = deductions.get(d);
            String path = "deductions[" + d + "]";
            if (deduction == null) {
                problems.add(FieldProblem.of(path, "required"));
                continue;
            }
            if (deduction.reason() == null || deduction.reason().isBlank()) {
                problems.add(FieldProblem.of(path + ".reason", "required"));
            } else if (deduction.reason().length() > SchemeValidator.MAX_TEXT) {
                problems.add(FieldProblem.of(path + ".reason", "text.too_long", SchemeValidator.MAX_TEXT,
                        deduction.reason().length()));
            }
            BigDecimal points = pointsOf(deduction);
            var outOfBounds = Decimals.problem(path + ".points", points);
            if (outOfBounds.isPresent()) {
                problems.add(outOfBounds.get());
                continue;
            }
            if (points.signum() < 0) {
                problems.add(FieldProblem.of(path + ".points", "deduction.negative"));
            }
            sum = sum.add(Fraction.of(points));
        }
        return sum;
    }

    private BigDecimal pointsOf(Deduction d) {
        return d.points() == null ? scheme.special().pointsPerDeduction() : d.points();
    }

    private static void checkVetoes(List<Veto> vetoes, List<FieldProblem> problems) {
        for (int v = 0; v < vetoes.size(); v++) {
            Veto veto = vetoes.get(v);
            String path = "vetoes[" + v + "]";
            if (veto == null) {
                problems.add(FieldProblem.of(path, "required"));
            } else if (veto.reason() == null || veto.reason().isBlank()) {
                problems.add(FieldProblem.of(path + ".reason", "required"));
            } else if (veto.reason().length() > SchemeValidator.MAX_TEXT) {
                problems.add(FieldProblem.of(path + ".reason", "text.too_long", SchemeValidator.MAX_TEXT, veto.reason().length()));
            }
        }
    }

    private static void checkBonus(Bonus bonus, List<FieldProblem> problems) {
        if (bonus == null) {
            return;
        }
        var outOfBounds = Decimals.problem("bonus.points", bonus.points());
        if (outOfBounds.isPresent()) {
            problems.add(outOfBounds.get());
        } else if (bonus.points() == null || bonus.points().signum() < 0) {
            problems.add(FieldProblem.of("bonus.points", "bonus.invalid"));
        } else if (bonus.points().signum() > 0 && (bonus.reason() == null || bonus.reason().isBlank())) {
            problems.add(FieldProblem.of("bonus.reason", "required"));
        } else if (bonus.reason() != null && bonus.reason().length() > SchemeValidator.MAX_TEXT) {
            problems.add(FieldProblem.of("bonus.reason", "text.too_long", SchemeValidator.MAX_TEXT, bonus.reason().length()));
        }
    }

    // ---------------------------------------------------------------- results (per item, exact)

    /** What one item came to; built per item, never per rating. */
    private record Combined(Fraction coefficient, int raters, List<Message> lines) {}

    /** One rater's (or, flat, all) answered ratings of an item, in primitive counters. */
    private static final class Acc {
        int n;
        final int[] likert = new int[5];
        int yes;
        long percentHundredths;
        Fraction numeric = Fraction.ZERO;
    }

    private ScoreResult result(List<Rating> ratings, Tally t, List<Deduction> deductions, Fraction deducted, Bonus bonus,
                               List<Veto> vetoes) {
        List<Message> warnings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<ScoreResult.PartResult> parts = new ArrayList<>();
        List<ScoreResult.FailReason> vetoFails = new ArrayList<>();
        Map<String, ScoreResult.PartResult> byKey = new HashMap<>();
        int i = 0;
        for (Part part : scheme.parts()) {
            ScoreResult.PartResult gate = part.gatedBy() == null ? null : byKey.get(part.gatedBy());
            boolean evaluated = gate == null || Boolean.TRUE.equals(gate.passed());
            List<ScoreResult.GroupResult> groups = new ArrayList<>();
            Fraction partAchieved = Fraction.ZERO;
            Fraction partApplicable = Fraction.ZERO;
            int ignored = 0;
            for (Group group : part.groups()) {
                List<ScoreResult.ItemResult> itemResults = new ArrayList<>();
                Fraction groupAchieved = Fraction.ZERO;
                Fraction groupApplicable = Fraction.ZERO;
                for (int k = 0; k < group.items().size(); k++, i++) {
                    if (!evaluated) {
                        ignored += t.answered[i] + t.notApplicable[i] + measuredCount(t, i);
                        itemResults.add(new ScoreResult.ItemResult(items[i].clause(), items[i].name(), itemPoints[i],
                                ItemStatus.NOT_EVALUATED, 0, 0, 0, null, Fraction.ZERO, Fraction.ZERO, null, false,
                                List.of(Message.of("scoring.item.not_evaluated"))));
                        continue;
                    }
                    ScoreResult.ItemResult item = item(i, ratings, t, warnings);
                    if (item.status() == ItemStatus.MISSING) {
                        missing.add(items[i].name());
                    }
                    if (item.vetoed()) {
                        Item.Veto veto = items[i].veto();
                        vetoFails.add(new ScoreResult.FailReason("veto", items[i].name(), Message.of("scoring.fail.veto_item",
                                items[i].name(), Message.bilingual(veto.reasonZh(), veto.reasonEn()),
                                veto.answer() ? Message.bilingual("是", "yes") : Message.bilingual("否", "no"),
                                vetoRaters(i, ratings, t))));
                    }
                    itemResults.add(item);
                    groupAchieved = groupAchieved.add(item.achieved());
                    groupApplicable = groupApplicable.add(item.applicable());
                }
                groups.add(new ScoreResult.GroupResult(group.clause(), group.titleZh(), group.titleEn(),
                        Fraction.of(group.points()), groupAchieved, groupApplicable, percentage(groupAchieved, groupApplicable),
                        itemResults, evaluated ? List.of(sumLine("items", groupAchieved, groupApplicable, Fraction.of(group.points())))
                                : List.of(Message.of("scoring.item.not_evaluated"))));
                partAchieved = partAchieved.add(groupAchieved);
                partApplicable = partApplicable.add(groupApplicable);
            }
            if (ignored > 0) {
                warnings.add(Message.of("scoring.warning.not_evaluated_ratings", partName(part.key()), ignored, partName(part.gatedBy())));
            }
            ScoreResult.PartResult result = evaluated ? part(part, groups, partAchieved, partApplicable)
                    : notEvaluated(part, groups);
            parts.add(result);
            byKey.put(part.key(), result);
        }
        List<ScoreResult.ItemResult> bonusResults = new ArrayList<>();
        for (int b = 0; b < bonusItems.length; b++) {
            int index = items.length + b;
            if (t.answered[index] == 0) {
                bonusResults.add(new ScoreResult.ItemResult(bonusItems[b].clause(), bonusItems[b].name(), itemPoints[index],
                        ItemStatus.MISSING, 0, 0, 0, null, Fraction.ZERO, Fraction.ZERO, Fraction.ZERO, false,
                        List.of(Message.of("scoring.bonus_item.unrated", Display.format(itemPoints[index])))));
            } else {
                bonusResults.add(item(index, ratings, t, warnings));
            }
        }
        if (!missing.isEmpty()) {
            warnings.add(Message.of("scoring.warning.missing", missing.size(), String.join(", ", missing)));
        }
        return total(deductions, deducted, bonus, vetoes, vetoFails, missing, warnings, parts, bonusResults);
    }

    /** A part by its title in the reader's language (its key when it has none), for explanations and reasons. */
    private String partName(String key) {
        if (key == null) {
            return "";
        }
        Part part = scheme.part(key);
        return part == null || (part.titleZh() == null && part.titleEn() == null) ? key
                : Message.bilingual(part.titleZh(), part.titleEn());
    }

    private ScoreResult.ItemResult item(int i, List<Rating> ratings, Tally t, List<Message> warnings) {
        Fraction points = itemPoints[i];
        String clause = i < items.length ? items[i].clause() : bonusItems[i - items.length].clause();
        String name = name(i);
        int answered = t.answered[i];
        int na = t.notApplicable[i];
        int measured = measuredCount(t, i);
        if (answered == 0 && na == 0 && measured == 0) {
            return new ScoreResult.ItemResult(clause, name, points, ItemStatus.MISSING, 0, 0, 0, null,
                    Fraction.ZERO, points, Fraction.ZERO, false,
                    List.of(Message.of("scoring.item.missing", Display.format(points))));
        }
        if (answered == 0 && measured == 0) {
            return new ScoreResult.ItemResult(clause, name, points, ItemStatus.NOT_APPLICABLE, 0, 0, na, null,
                    Fraction.ZERO, Fraction.ZERO, null, false,
                    List.of(Message.of("scoring.item.not_applicable", na, raters(i, ratings, t, true), Display.format(points))));
        }
        Combined combined = answered > 0 ? combine(i, ratings, t, points) : new Combined(null, 0, List.of());
        Fraction coefficient = combined.coefficient();
        List<Message> explanation = new ArrayList<>(combined.lines());
        int raterCount = combined.raters();
        if (measured > 0) {
            // each measured source counts once beside the ratings' combined coefficient (MeasuredCoefficient)
            String sources = String.join(", ", t.measuredText.get(i));
            Fraction sum = t.measuredSum[i];
            Fraction c = answered > 0 ? coefficient.add(sum).divide(Fraction.of(measured + 1L))
                    : sum.divide(Fraction.of(measured));
            Fraction a = points.multiply(c);
            explanation.add(answered > 0
                    ? Message.of("scoring.item.with_measured", Display.format(coefficient), sources, Display.format(c),
                    Display.format(points), Display.format(a))
                    : Message.of("scoring.item.measured", sources, Display.format(c), Display.format(points),
                    Display.format(a)));
            coefficient = c;
            raterCount += measured;
        }
        Fraction achieved = points.multiply(coefficient);
        if (na > 0) {
            String naRaters = raters(i, ratings, t, true);
            explanation.add(Message.of("scoring.item.na_ignored", na, naRaters));
            warnings.add(Message.of("scoring.warning.na_ignored", name, na, naRaters));
        }
        boolean vetoed = i < items.length && items[i].veto() != null && !vetoRaters(i, ratings, t).isEmpty();
        if (vetoed) {
            explanation.add(Message.of("scoring.item.vetoed", items[i].veto().answer() ? "yes" : "no", vetoRaters(i, ratings, t)));
        }
        return new ScoreResult.ItemResult(clause, name, points, ItemStatus.SCORED, answered + measured, raterCount, na,
                coefficient, achieved, points, percentage(achieved, points), vetoed, List.copyOf(explanation));
    }

    /** The raters whose rating gave the item's veto answer, sorted; empty when none did. */
    private String vetoRaters(int i, List<Rating> ratings, Tally t) {
        Item.Veto veto = items[i].veto();
        List<String> names = new ArrayList<>();
        for (int r = t.head[i]; r >= 0; r = t.next[r]) {
            Rating rating = ratings.get(r);
            if (!rating.isNotApplicable() && rating.yes() != null && rating.yes() == veto.answer()) {
                names.add(rating.rater());
            }
        }
        names.sort(Comparator.naturalOrder());
        return String.join(", ", names.size() > DETAIL_LIMIT ? names.subList(0, DETAIL_LIMIT) : names)
                + (names.size() > DETAIL_LIMIT ? ", … +" + (names.size() - DETAIL_LIMIT) : "");
    }

    // ---------------------------------------------------------------- combining the ratings of one item

    /**
     * The item's coefficient under the scheme's {@link Combination}. With the default rules and one rating per
     * rater this is the flat mean and the explanation is the one line it always was.
     */
    private Combined combine(int i, List<Rating> ratings, Tally t, Fraction points) {
        AnswerType type = answerType(i);
        boolean answerMean = type == AnswerType.LIKERT_5 && combination.likert() == Combination.LikertRule.COEFFICIENT_OF_MEAN;
        boolean majority = type == AnswerType.YES_NO && combination.yesNo() == Combination.YesNoRule.MAJORITY;
        // Equal numbers of ratings per rater make the mean of the raters' means the flat mean: only unequal
        // numbers need the per-rater accumulation (and its exact arithmetic per rater).
        // Counted on the interned rater ids (primitive arrays); the per-rater map is built only when needed.
        int raters = countRaters(i, t);
        boolean equalCounts = raters > 0;
        boolean nested = combination.raters() == Combination.Raters.MEAN_PER_RATER && !equalCounts;

        Fraction value;
        List<Message> lines = new ArrayList<>();
        if (nested) {
            Acc[] byRater = perRater(i, ratings, t);
            List<Integer> ids = new ArrayList<>();
            // The sum of the raters' means, exactly: value() is linear in the accumulator, so the raters with
            // the same number of ratings are merged and divided once (a handful of fractions, not one per rater).
            Map<Integer, Acc> byCount = new HashMap<>();
            for (int id = 0; id < byRater.length; id++) {
                Acc a = byRater[id];
                if (a == null) {
                    continue;
                }
                ids.add(id);
                Acc m = byCount.computeIfAbsent(a.n, k -> new Acc());
                m.n = a.n;
                for (int k = 0; k < 5; k++) {
                    m.likert[k] += a.likert[k];
                }
                m.yes += a.yes;
                m.percentHundredths += a.percentHundredths;
                m.numeric = m.numeric.add(a.numeric);
            }
            Fraction sum = Fraction.ZERO;
            for (Acc m : byCount.values()) {
                sum = sum.add(value(i, m, answerMean));
            }
            value = sum.divide(Fraction.of(ids.size()));
            // only the raters the explanation lists are formatted (sorted by name, as the list always was)
            ids.sort(Comparator.comparing(t.raterNames::get));
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < Math.min(DETAIL_LIMIT, ids.size()); k++) {
                Acc a = byRater[ids.get(k)];
                parts.add(t.raterNames.get(ids.get(k)) + " (" + a.n + "): " + Display.format(value(i, a, answerMean)));
            }
            String list = ids.size() > DETAIL_LIMIT
                    ? String.join(", ", parts) + ", … +" + (ids.size() - DETAIL_LIMIT)
                    : String.join(", ", parts);
            lines.add(Message.of("scoring.item.mean_per_rater", t.answered[i], ids.size(), list, Display.format(value)));
        } else {
            value = value(i, flat(i, t), answerMean);
        }
        Fraction coefficient = value;
        if (answerMean) {
            coefficient = Coefficients.likertAt(scheme.likert(), value);
        } else if (majority) {
            coefficient = value.compareTo(HALF) > 0 ? Fraction.ONE : Fraction.ZERO;
        }
        Fraction achieved = points.multiply(coefficient);
        if (!nested && !answerMean && !majority) {
            lines.add(mean(i, ratings, t, t.answered[i], coefficient, points, achieved));
            return new Combined(coefficient, Math.abs(raters), List.copyOf(lines));
        }
        if (!nested) {
            lines.add(answerMean
                    ? Message.of("scoring.item.mean_answer", t.answered[i], answers(i, ratings, t, true), Display.format(value))
                    : Message.of("scoring.item.mean_value", t.answered[i], answers(i, ratings, t, false), Display.format(value)));
        }
        String c = Display.format(coefficient);
        lines.add(answerMean ? Message.of("scoring.item.coefficient_of_mean", Display.format(value), c, Display.format(points), Display.format(achieved))
                : majority ? Message.of(coefficient.isZero() ? "scoring.item.majority_no" : "scoring.item.majority_yes",
                        Display.format(value), c, Display.format(points), Display.format(achieved))
                : Message.of("scoring.item.score", c, Display.format(points), Display.format(achieved)));
        return new Combined(coefficient, Math.abs(raters), List.copyOf(lines));
    }


    /**
     * The number of raters with an answered rating of item {@code i}: positive when every one of them gave the
     * same number of ratings, negated when not. Leaves the scratch counters at zero.
     */
    private static int countRaters(int i, Tally t) {
        if (t.matrix == null && t.raterCount == null && (long) t.head.length * t.raters <= MATRIX_LIMIT) {
            // one sequential pass over all ratings for every item (following each item's chain costs a cache
            // miss per rating)
            int[] m = new int[t.head.length * t.raters];
            for (int r = 0; r < t.raterOf.length; r++) {
                if (t.raterOf[r] >= 0) {
                    m[t.itemOf[r] * t.raters + t.raterOf[r]]++;
                }
            }
            t.matrix = m;
        }
        if (t.matrix != null) {
            int distinct = 0;
            int first = 0;
            boolean equal = true;
            for (int k = i * t.raters, end = k + t.raters; k < end; k++) {
                int n = t.matrix[k];
                if (n > 0) {
                    if (distinct++ == 0) {
                        first = n;
                    } else if (n != first) {
                        equal = false;
                    }
                }
            }
            return equal ? distinct : -distinct;
        }
        if (t.raterCount == null) {
            t.raterCount = new int[t.raters];
            t.touched = new int[t.raters];
        }
        int[] count = t.raterCount;
        int distinct = 0;
        for (int r = t.head[i]; r >= 0; r = t.next[r]) {
            int id = t.raterOf[r];
            if (id >= 0 && count[id]++ == 0) {
                t.touched[distinct++] = id;
            }
        }
        boolean equal = true;
        int first = distinct == 0 ? 0 : count[t.touched[0]];
        for (int k = 0; k < distinct; k++) {
            int id = t.touched[k];
            equal &= count[id] == first;
            count[id] = 0;
        }
        return equal ? distinct : -distinct;
    }

    /** The answered ratings of item {@code i} by interned rater id ({@code null} for raters without one). */
    private Acc[] perRater(int i, List<Rating> ratings, Tally t) {
        Acc[] byRater = new Acc[t.raters];
        AnswerType type = answerType(i);
        for (int r = t.head[i]; r >= 0; r = t.next[r]) {
            int id = t.raterOf[r];
            if (id < 0) {
                continue;
            }
            Rating rating = ratings.get(r);
            Acc acc = byRater[id];
            if (acc == null) {
                acc = byRater[id] = new Acc();
            }
            acc.n++;
            switch (type) {
                case LIKERT_5 -> acc.likert[rating.likert() - 1]++;
                case YES_NO -> acc.yes += rating.yes() ? 1 : 0;
                case PERCENT -> acc.percentHundredths += rating.percent().movePointRight(2).longValueExact();
                case NUMERIC -> acc.numeric = acc.numeric.add(Coefficients.numeric(items[i].numericRange(), rating.numeric()));
            }
        }
        return byRater;
    }

    /** All answered ratings of item {@code i} as one accumulator, from the tally. */
    private static Acc flat(int i, Tally t) {
        Acc acc = new Acc();
        acc.n = t.answered[i];
        System.arraycopy(t.likert, i * 5, acc.likert, 0, 5);
        acc.yes = t.yes[i];
        acc.percentHundredths = t.percentHundredths[i];
        acc.numeric = t.numericSum[i] == null ? Fraction.ZERO : t.numericSum[i];
        return acc;
    }

    /** The mean coefficient of the ratings in {@code a}, or for Likert with {@code answerMean} their mean answer 1..5. */
    private Fraction value(int i, Acc a, boolean answerMean) {
        Fraction sum = switch (answerType(i)) {
            case LIKERT_5 -> answerMean ? Coefficients.answerSum(a.likert, 0) : Coefficients.likertSum(scheme.likert(), a.likert, 0);
            case YES_NO -> Fraction.of(a.yes);
            case PERCENT -> Coefficients.percentHundredths(a.percentHundredths);
            case NUMERIC -> a.numeric;
        };
        return sum.divide(Fraction.of(a.n));
    }

    /**
     * The item's mean, quoting each rating with its coefficient when few, else counts per answer; sorted so that
     * order never matters.
     */
    private Message mean(int i, List<Rating> ratings, Tally t, int answered, Fraction coefficient, Fraction points,
                         Fraction achieved) {
        String c = Display.format(coefficient);
        String pts = Display.format(points);
        String a = Display.format(achieved);
        if (t.answered[i] + t.notApplicable[i] <= DETAIL_LIMIT) {
            return Message.of("scoring.item.mean", answered, answers(i, ratings, t, false), c, pts, a);
        }
        return switch (answerType(i)) {
            case LIKERT_5 -> Message.of("scoring.item.mean_likert", answered, answers(i, ratings, t, false), c, pts, a);
            case YES_NO -> Message.of("scoring.item.mean_yes_no", answered, t.yes[i], t.answered[i] - t.yes[i], c, pts, a);
            case PERCENT -> Message.of("scoring.item.mean_percent", answered,
                    Display.format(Fraction.of(t.percentHundredths[i], 100)), c, pts, a);
            case NUMERIC -> Message.of("scoring.item.mean_numeric", answered, Display.format(t.numericSum[i]), c, pts, a);
        };
    }

    /** Each rating with its coefficient (or, {@code rawLikert}, its answer) when few, else counts per Likert answer. */
    private String answers(int i, List<Rating> ratings, Tally t, boolean rawLikert) {
        if (t.answered[i] + t.notApplicable[i] <= DETAIL_LIMIT) {
            List<String> parts = new ArrayList<>();
            for (int r = t.head[i]; r >= 0; r = t.next[r]) {
                Rating rating = ratings.get(r);
                if (!rating.isNotApplicable()) {
                    String who = rating.visit() == null || rating.visit().isBlank() ? rating.rater()
                            : rating.rater() + " @" + rating.visit();
                    parts.add(who + ": " + rating.answerText()
                            + (rawLikert ? "" : " → " + Display.format(coefficientOf(i, rating))));
                }
            }
            parts.sort(Comparator.naturalOrder());
            return String.join(", ", parts);
        }
        List<String> counts = new ArrayList<>();
        for (int a = 5; a >= 1; a--) {
            int n = t.likert[i * 5 + a - 1];
            if (n > 0) {
                counts.add(rawLikert ? a + " ×" + n : a + " → " + Display.format(Coefficients.likert(scheme.likert(), a)) + " ×" + n);
            }
        }
        if (answerType(i) == AnswerType.YES_NO) {
            return "yes ×" + t.yes[i] + ", no ×" + (t.answered[i] - t.yes[i]);
        }
        return String.join(", ", counts);
    }

    private Fraction coefficientOf(int i, Rating rating) {
        return i < items.length ? Coefficients.of(items[i], scheme.likert(), rating) : Coefficients.yes(rating.yes());
    }

    private String raters(int i, List<Rating> ratings, Tally t, boolean notApplicable) {
        List<String> names = new ArrayList<>();
        for (int r = t.head[i]; r >= 0; r = t.next[r]) {
            if (ratings.get(r).isNotApplicable() == notApplicable) {
                names.add(ratings.get(r).rater());
            }
        }
        names.sort(Comparator.naturalOrder());
        if (names.size() > DETAIL_LIMIT) {
            return String.join(", ", names.subList(0, DETAIL_LIMIT)) + ", … +" + (names.size() - DETAIL_LIMIT);
        }
        return String.join(", ", names);
    }

    // ---------------------------------------------------------------- parts

    private ScoreResult.PartResult part(Part part, List<ScoreResult.GroupResult> groups, Fraction achieved, Fraction applicable) {
        Fraction points = Fraction.of(part.points());
        Fraction percentage = percentage(achieved, applicable);
        Fraction score = applicable.isZero() ? Fraction.ZERO : achieved.divide(applicable).multiply(points);
        List<Message> explanation = new ArrayList<>();
        explanation.add(sumLine("groups", achieved, applicable, points));
        if (!applicable.isZero() && applicable.compareTo(points) != 0) {
            explanation.add(Message.of("scoring.part.prorated", Display.format(achieved), Display.format(applicable),
                    Display.format(points), Display.format(score)));
        }
        Boolean passed = null;
        if (part.passMinimum() != null) {
            passed = percentage != null && percentage.compareTo(part.passMinimum()) >= 0;
            String minimum = Display.format(part.passMinimum());
            explanation.add(percentage == null ? Message.of("scoring.part.pass_nothing_applicable", minimum)
                    : Message.of(passed ? "scoring.part.passes" : "scoring.part.fails", Display.format(percentage), minimum));
        } else if (part.passMinimumPoints() != null) {
            passed = percentage != null && score.compareTo(part.passMinimumPoints()) >= 0;
            String minimum = Display.format(part.passMinimumPoints());
            explanation.add(percentage == null ? Message.of("scoring.part.pass_nothing_applicable_points", minimum)
                    : Message.of(passed ? "scoring.part.passes_points" : "scoring.part.fails_points", Display.format(score),
                    minimum, Display.format(points)));
        }
        return new ScoreResult.PartResult(part.key(), part.titleZh(), part.titleEn(), points, true, achieved, applicable,
                percentage, score, null, part.passMinimum(), part.passMinimumPoints(), passed,
                Display.print(score, scheme.display()), Display.print(percentage, scheme.display()), null,
                groups, List.copyOf(explanation));
    }

    private ScoreResult.PartResult notEvaluated(Part part, List<ScoreResult.GroupResult> groups) {
        return new ScoreResult.PartResult(part.key(), part.titleZh(), part.titleEn(), Fraction.of(part.points()), false,
                Fraction.ZERO, Fraction.ZERO, null, null, null, part.passMinimum(), part.passMinimumPoints(),
                part.hasPassRule() ? Boolean.FALSE : null, null, null, null, groups,
                List.of(Message.of("scoring.part.not_evaluated", part.gatedBy())));
    }

    private ScoreResult.PartResult withContribution(ScoreResult.PartResult p, Fraction contribution, Message line) {
        List<Message> explanation = new ArrayList<>(p.explanation());
        explanation.add(line);
        return new ScoreResult.PartResult(p.key(), p.titleZh(), p.titleEn(), p.points(), p.evaluated(), p.achieved(),
                p.applicable(), p.percentage(), p.score(), contribution, p.passMinimum(), p.passMinimumPoints(), p.passed(),
                p.printedScore(), p.printedPercentage(), Display.print(contribution, scheme.display()), p.groups(),
                List.copyOf(explanation));
    }

    // ---------------------------------------------------------------- total, pass and grade

    private ScoreResult total(List<Deduction> deductions, Fraction deducted, Bonus bonus, List<Veto> vetoes,
                              List<ScoreResult.FailReason> vetoFails, List<String> missing, List<Message> warnings,
                              List<ScoreResult.PartResult> parts, List<ScoreResult.ItemResult> bonusResults) {
        Fraction fullMarks = Fraction.of(scheme.fullMarks());
        List<Message> explanation = new ArrayList<>();
        List<ScoreResult.FailReason> fails = new ArrayList<>();
        boolean allEvaluated = parts.stream().allMatch(ScoreResult.PartResult::evaluated);
        boolean combined = scheme.combinedTotal();
        Fraction achieved = null;
        Fraction applicable = null;
        Fraction prorated = null;
        Fraction total = null;
        Fraction granted = Fraction.ZERO;
        Fraction bonusItemPoints = Fraction.ZERO;
        SpecialRules special = scheme.special();
        if (combined) {
            achieved = parts.stream().map(ScoreResult.PartResult::achieved).reduce(Fraction.ZERO, Fraction::add);
            applicable = parts.stream().map(ScoreResult.PartResult::applicable).reduce(Fraction.ZERO, Fraction::add);
        }
        if (combined && allEvaluated) {
            if (applicable.isZero()) {
                prorated = Fraction.ZERO;
                explanation.add(Message.of("scoring.total.nothing_applicable"));
                fails.add(new ScoreResult.FailReason("total.nothing_applicable", null, Message.of("scoring.fail.nothing_applicable")));
            } else {
                prorated = achieved.divide(applicable).multiply(fullMarks);
                explanation.add(Message.of("scoring.total.prorated", Display.format(achieved), Display.format(applicable),
                        Display.format(fullMarks), Display.format(prorated)));
            }
            // each part's exact share of the pro-rated total: they add up to it
            List<String> shares = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                ScoreResult.PartResult part = parts.get(p);
                Fraction contribution = applicable.isZero() ? Fraction.ZERO
                        : part.achieved().divide(applicable).multiply(fullMarks);
                parts.set(p, withContribution(part, contribution, Message.of("scoring.part.contribution",
                        Display.format(part.achieved()), Display.format(applicable), Display.format(fullMarks),
                        Display.format(contribution))));
                shares.add(partName(part.key()) + " " + Display.format(contribution));
            }
            if (parts.size() > 1) {
                explanation.add(Message.of("scoring.total.contributions", String.join(" + ", shares), Display.format(prorated)));
            }
            total = prorated;
        } else if (!combined) {
            List<String> each = new ArrayList<>();
            for (ScoreResult.PartResult part : parts) {
                each.add(partName(part.key()) + " " + (part.evaluated() && part.score() != null
                        ? Display.format(part.score()) + " / " + Display.format(part.points()) : "—"));
            }
            explanation.add(Message.of("scoring.total.separately", String.join("; ", each)));
            if (parts.stream().allMatch(p -> !p.evaluated() || p.applicable().isZero())) {
                fails.add(new ScoreResult.FailReason("total.nothing_applicable", null, Message.of("scoring.fail.nothing_applicable")));
            }
        }
        if (!deductions.isEmpty()) {
            List<String> reasons = deductions.stream()
                    .map(d -> d.reason() + " (" + Display.format(pointsOf(d)) + ")").toList();
            explanation.add(Message.of(total == null ? "scoring.total.deductions_counted" : "scoring.total.deductions",
                    deductions.size(), Display.format(deducted), String.join("; ", reasons)));
            if (total != null) {
                total = total.subtract(deducted);
            }
        }
        if (total != null && bonus != null && bonus.points().signum() > 0) {
            Fraction asked = Fraction.of(bonus.points());
            granted = asked.min(Fraction.of(special.maxBonus()));
            if (granted.compareTo(asked) < 0) {
                String max = Display.format(special.maxBonus());
                warnings.add(Message.of("scoring.warning.bonus_capped", Display.format(asked), max));
                explanation.add(Message.of("scoring.total.bonus_capped", Display.format(granted), Display.format(asked), max,
                        bonus.reason()));
            } else {
                explanation.add(Message.of("scoring.total.bonus", Display.format(granted), bonus.reason()));
            }
            total = total.add(granted);
        }
        if (total != null && bonusItems.length > 0) {
            Fraction asked = Fraction.ZERO;
            List<String> earned = new ArrayList<>();
            for (ScoreResult.ItemResult b : bonusResults) {
                if (b.achieved().signum() > 0) {
                    asked = asked.add(b.achieved());
                    earned.add(b.code() + " " + Display.format(b.achieved()));
                }
            }
            Fraction cap = Fraction.of(scheme.bonusItems().cap());
            bonusItemPoints = asked.min(cap);
            String list = earned.isEmpty() ? "—" : String.join(", ", earned);
            if (bonusItemPoints.compareTo(asked) < 0) {
                warnings.add(Message.of("scoring.warning.bonus_items_capped", Display.format(asked), Display.format(cap)));
                explanation.add(Message.of("scoring.total.bonus_items_capped", Display.format(bonusItemPoints),
                        Display.format(asked), Display.format(cap), list));
            } else {
                explanation.add(Message.of("scoring.total.bonus_items", Display.format(bonusItemPoints), Display.format(cap), list));
            }
            total = total.add(bonusItemPoints);
        }
        if (total != null && total.signum() < 0) {
            explanation.add(Message.of("scoring.total.floor"));
            total = Fraction.ZERO;
        }
        if (total != null && (!deductions.isEmpty() || granted.signum() > 0 || bonusItems.length > 0)) {
            explanation.add(Message.of("scoring.total.total", Display.format(total)));
        }

        fails.addAll(vetoFails);
        for (Veto veto : vetoes) {
            fails.add(new ScoreResult.FailReason("veto", null, Message.of("scoring.fail.veto_entered", veto.reason())));
        }
        int count = deductions.size();
        SpecialRules.FailRule rule = special.failRule();
        SpecialRules.DeductionCount countRule = rule instanceof SpecialRules.DeductionCount c ? c
                : rule instanceof SpecialRules.Either e ? e.count() : null;
        SpecialRules.DeductedPoints pointsRule = rule instanceof SpecialRules.DeductedPoints p ? p
                : rule instanceof SpecialRules.Either e ? e.points() : null;
        if (countRule != null && count >= countRule.atLeast()) {
            fails.add(new ScoreResult.FailReason("deductions.count", null,
                    Message.of("scoring.fail.deductions_count", count, countRule.atLeast())));
        }
        if (pointsRule != null && deducted.compareTo(pointsRule.moreThan()) > 0) {
            fails.add(new ScoreResult.FailReason("deductions.points", null,
                    Message.of("scoring.fail.deductions_points", Display.format(deducted), Display.format(pointsRule.moreThan()))));
        }
        Map<String, ScoreResult.PartResult> byKey = new HashMap<>();
        for (ScoreResult.PartResult part : parts) {
            byKey.put(part.key(), part);
            if (!part.evaluated()) {
                fails.add(new ScoreResult.FailReason("part.not_evaluated", part.key(),
                        Message.of("scoring.fail.part_not_evaluated", partName(part.key()), partName(scheme.part(part.key()).gatedBy()))));
            } else if (Boolean.FALSE.equals(part.passed())) {
                boolean inPoints = part.passMinimum() == null;
                String minimum = Display.format(inPoints ? part.passMinimumPoints() : part.passMinimum());
                fails.add(new ScoreResult.FailReason("part.below_minimum", part.key(), part.percentage() == null
                        ? Message.of(inPoints ? "scoring.fail.part_nothing_applicable_points" : "scoring.fail.part_nothing_applicable",
                                partName(part.key()), minimum)
                        : inPoints ? Message.of("scoring.fail.part_below_minimum_points", partName(part.key()), Display.format(part.score()), minimum)
                        : Message.of("scoring.fail.part_below_minimum", partName(part.key()), Display.format(part.percentage()), minimum)));
            }
        }
        GradeTable.Level level = null;
        for (GradeTable.Level l : scheme.grades().levels()) {
            if (reached(l, total, byKey)) {
                level = l;
            }
        }
        boolean scored = total != null || (!combined && allEvaluated);
        if (!scheme.grades().passFailOnly() && level == null && scored && fails.stream().noneMatch(f -> f.code().equals("total.nothing_applicable"))) {
            GradeTable.Level lowest = scheme.grades().levels().get(0);
            fails.add(new ScoreResult.FailReason("grade.below_lowest", null, lowest.conditions().isEmpty()
                    ? Message.of("scoring.fail.below_lowest_grade", Display.format(total), name(lowest), Display.format(lowest.minimum()))
                    : Message.of("scoring.fail.below_lowest_grade_conditions", name(lowest), conditions(lowest, total, byKey))));
        }
        // the scheme's rule for combining several ratings of one item, before the verdict
        explanation.add(Message.of("scoring.combination." + combination.raters().name()));
        if (scheme.items().anyMatch(it -> it.answerType() == AnswerType.LIKERT_5)) {
            explanation.add(Message.of("scoring.combination.likert." + combination.likert().name()));
        }
        if (scheme.items().anyMatch(it -> it.answerType() == AnswerType.YES_NO) || bonusItems.length > 0) {
            explanation.add(Message.of("scoring.combination.yes_no." + combination.yesNo().name()));
        }
        boolean passed = fails.isEmpty();
        if (passed && level == null) {
            explanation.add(Message.of("scoring.total.passed"));
        } else if (passed) {
            explanation.add(level.conditions().isEmpty()
                    ? Message.of("scoring.total.grade", name(level), Display.format(total), Display.format(level.minimum()))
                    : Message.of("scoring.total.grade_conditions", name(level), conditions(level, total, byKey)));
        } else {
            // The reasons follow as lines of their own (a message's arguments are plain values, not messages).
            explanation.add(Message.of("scoring.total.not_graded", fails.size()));
            fails.forEach(f -> explanation.add(f.message()));
        }
        if (!missing.isEmpty()) {
            explanation.add(Message.of("scoring.total.incomplete", missing.size()));
        }
        Fraction percentage = total == null ? null : total.divide(fullMarks).multiply(Fraction.HUNDRED);
        return new ScoreResult(scheme.code(), scheme.reporting(), combination, fullMarks, achieved, applicable, prorated,
                deductions.size(), deducted, granted, bonusItemPoints, total, percentage, Display.print(total, scheme.display()),
                missing.isEmpty(), List.copyOf(missing), passed ? level : null, passed,
                List.copyOf(fails), List.copyOf(warnings), List.copyOf(parts), List.copyOf(bonusResults), List.copyOf(explanation));
    }

    /** Whether the level's minimum on the total (if any) and all its part conditions hold. */
    private static boolean reached(GradeTable.Level l, Fraction total, Map<String, ScoreResult.PartResult> parts) {
        if (l.minimum() != null && (total == null || total.compareTo(l.minimum()) < 0)) {
            return false;
        }
        for (GradeTable.PartCondition c : l.conditions()) {
            Fraction value = conditionValue(c, parts.get(c.part()));
            if (value == null || value.compareTo(c.minimum()) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Fraction conditionValue(GradeTable.PartCondition c, ScoreResult.PartResult part) {
        if (part == null || !part.evaluated() || part.percentage() == null) {
            return null;
        }
        return c.points() ? part.score() : part.percentage();
    }

    /** "total 97.7 ≥ 95, service 92 % ≥ 90 %, management 88 % < 90 %". */
    private static String conditions(GradeTable.Level l, Fraction total, Map<String, ScoreResult.PartResult> parts) {
        List<String> out = new ArrayList<>();
        if (l.minimum() != null && total != null) {
            out.add(Display.format(total) + (total.compareTo(l.minimum()) >= 0 ? " ≥ " : " < ") + Display.format(l.minimum()));
        }
        for (GradeTable.PartCondition c : l.conditions()) {
            Fraction value = conditionValue(c, parts.get(c.part()));
            String unit = c.points() ? "" : " %";
            ScoreResult.PartResult part = parts.get(c.part());
            out.add((part == null ? c.part() : Message.bilingual(part.titleZh(), part.titleEn())) + " " + (value == null ? "—" : Display.format(value) + unit)
                    + (value != null && value.compareTo(c.minimum()) >= 0 ? " ≥ " : " < ") + Display.format(c.minimum()) + unit);
        }
        return String.join(", ", out);
    }

    private static String name(GradeTable.Level l) {
        return l.nameZh() == null && l.nameEn() == null ? l.key() : Message.bilingual(l.nameZh(), l.nameEn());
    }

    private static Fraction percentage(Fraction achieved, Fraction applicable) {
        return applicable.isZero() ? null : achieved.divide(applicable).multiply(Fraction.HUNDRED);
    }

    /** {@code children} is {@code items} or {@code groups}. */
    private static Message sumLine(String children, Fraction achieved, Fraction applicable, Fraction points) {
        String code = "scoring.sum." + children;
        String a = Display.format(achieved);
        String b = Display.format(applicable);
        boolean excluded = applicable.compareTo(points) < 0;
        String na = Display.format(points.subtract(applicable));
        if (applicable.isZero()) {
            return excluded ? Message.of(code + ".excluded_nothing_left", a, b, na) : Message.of(code + ".empty", a, b);
        }
        String pct = Display.format(percentage(achieved, applicable));
        return excluded ? Message.of(code + ".excluded", a, b, na, pct) : Message.of(code, a, b, pct);
    }
}
