package com.tanfang.scoring;

import com.tanfang.message.FieldProblem;
import com.tanfang.scheme.Decimals;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.scheme.AnswerType;
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
import java.util.List;
import java.util.Map;

/**
 * Scores ratings against a {@link Scheme} (004 §6.1). Rules, including the product decisions:
 * <ol>
 *   <li>Item score = points × coefficient; the coefficient comes from {@link Coefficients} (Likert via the
 *       scheme's mapping, yes/no 1 or 0, percent / 100, numeric through the item's range).</li>
 *   <li>Several raters or visits: the item's coefficient is the <b>mean over its answered ratings</b>
 *       (each rating counts once, so one rater's two visits count twice).</li>
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
    /** Up to this many ratings an item's explanation lists every rater; above it, answer counts. */
    static final int DETAIL_LIMIT = 10;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Scheme scheme;
    private final Item[] items;
    private final Fraction[] itemPoints;
    private final Map<String, Integer> index = new HashMap<>();

    public ScoringEngine(Scheme scheme) {
        this.scheme = scheme;
        this.items = scheme.items().toArray(Item[]::new);
        this.itemPoints = Arrays.stream(items).map(i -> Fraction.of(i.points())).toArray(Fraction[]::new);
        for (int i = 0; i < items.length; i++) {
            index.putIfAbsent(items[i].code(), i);
        }
        for (int i = 0; i < items.length; i++) {
            index.putIfAbsent(items[i].clause(), i); // codes win over clauses
        }
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
        Tally tally = new Tally(items.length, ratings.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int r = 0; r < ratings.size(); r++) {
            tally(ratings.get(r), r, tally, problems);
        }
        return List.copyOf(problems);
    }

    public ScoreResult score(List<Rating> ratings) {
        return score(ratings, List.of(), null);
    }

    /**
     * @param deductions special deductions, may be empty
     * @param bonus      may be {@code null}
     * @throws InvalidException listing every invalid rating, deduction or bonus
     */
    public ScoreResult score(List<Rating> ratings, List<Deduction> deductions, Bonus bonus) {
        Tally tally = new Tally(items.length, ratings.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int r = 0; r < ratings.size(); r++) {
            tally(ratings.get(r), r, tally, problems);
        }
        Fraction deducted = deductions(deductions == null ? List.of() : deductions, problems);
        checkBonus(bonus, problems);
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        return result(ratings, tally, deductions == null ? List.of() : deductions, deducted, bonus);
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
        // bounded before any conversion: 1e300000 would make an exact fraction of 10^300000 (Decimals)
        int before = problems.size();
        Decimals.problem("ratings[" + r + "].percent", rating.percent()).ifPresent(problems::add);
        Decimals.problem("ratings[" + r + "].numeric", rating.numeric()).ifPresent(problems::add);
        if (problems.size() > before) {
            return;
        }
        Item item = items[i];
        if (rating.answerCount() != 1) {
            problems.add(problem(r, "", "rating.answer_count", rating.answerCount()));
            return;
        }
        if (rating.isNotApplicable()) {
            if (!item.notApplicableAllowed()) {
                problems.add(problem(r, ".notApplicable", "rating.na_not_allowed", item.code()));
                return;
            }
            t.notApplicable[i]++;
        } else {
            switch (item.answerType()) {
                case LIKERT_5 -> {
                    Integer a = rating.likert();
                    if (a == null) {
                        problems.add(wrongKind(r, item, rating));
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
                        problems.add(wrongKind(r, item, rating));
                        return;
                    }
                    if (rating.yes()) {
                        t.yes[i]++;
                    }
                }
                case PERCENT -> {
                    BigDecimal p = rating.percent();
                    if (p == null) {
                        problems.add(wrongKind(r, item, rating));
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
                        problems.add(wrongKind(r, item, rating));
                        return;
                    }
                    Fraction c = Coefficients.numeric(item.numericRange(), rating.numeric());
                    t.numericSum[i] = t.numericSum[i] == null ? c : t.numericSum[i].add(c);
                }
            }
            t.answered[i]++;
        }
        t.next[r] = t.head[i];
        t.head[i] = r;
    }

    private static FieldProblem wrongKind(int r, Item item, Rating rating) {
        String field = switch (item.answerType()) {
            case LIKERT_5 -> "likert";
            case YES_NO -> "yes";
            case PERCENT -> "percent";
            case NUMERIC -> "numeric";
        };
        return problem(r, "." + field, "rating.wrong_kind", item.code(), item.answerType(), field, rating.answerText());
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

    private ScoreResult result(List<Rating> ratings, Tally t, List<Deduction> deductions, Fraction deducted, Bonus bonus) {
        List<Message> warnings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<ScoreResult.PartResult> parts = new ArrayList<>();
        Fraction achieved = Fraction.ZERO;
        Fraction applicable = Fraction.ZERO;
        int i = 0;
        for (Part part : scheme.parts()) {
            List<ScoreResult.GroupResult> groups = new ArrayList<>();
            Fraction partAchieved = Fraction.ZERO;
            Fraction partApplicable = Fraction.ZERO;
            for (Group group : part.groups()) {
                List<ScoreResult.ItemResult> itemResults = new ArrayList<>();
                Fraction groupAchieved = Fraction.ZERO;
                Fraction groupApplicable = Fraction.ZERO;
                for (int k = 0; k < group.items().size(); k++, i++) {
                    ScoreResult.ItemResult item = item(i, ratings, t, warnings);
                    if (item.status() == ItemStatus.MISSING) {
                        missing.add(items[i].code());
                    }
                    itemResults.add(item);
                    groupAchieved = groupAchieved.add(item.achieved());
                    groupApplicable = groupApplicable.add(item.applicable());
                }
                groups.add(new ScoreResult.GroupResult(group.clause(), group.titleZh(), group.titleEn(),
                        Fraction.of(group.points()), groupAchieved, groupApplicable, percentage(groupAchieved, groupApplicable),
                        itemResults, List.of(sumLine("items", groupAchieved, groupApplicable, Fraction.of(group.points())))));
                partAchieved = partAchieved.add(groupAchieved);
                partApplicable = partApplicable.add(groupApplicable);
            }
            parts.add(part(part, groups, partAchieved, partApplicable));
            achieved = achieved.add(partAchieved);
            applicable = applicable.add(partApplicable);
        }
        if (!missing.isEmpty()) {
            warnings.add(Message.of("scoring.warning.missing", missing.size(), String.join(", ", missing)));
        }
        return total(achieved, applicable, deductions, deducted, bonus, missing, warnings, parts);
    }

    private ScoreResult.ItemResult item(int i, List<Rating> ratings, Tally t, List<Message> warnings) {
        Item item = items[i];
        Fraction points = itemPoints[i];
        int answered = t.answered[i];
        int na = t.notApplicable[i];
        if (answered == 0 && na == 0) {
            return new ScoreResult.ItemResult(item.clause(), item.code(), points, ItemStatus.MISSING, 0, 0, null,
                    Fraction.ZERO, points, Fraction.ZERO,
                    List.of(Message.of("scoring.item.missing", Display.format(points))));
        }
        if (answered == 0) {
            return new ScoreResult.ItemResult(item.clause(), item.code(), points, ItemStatus.NOT_APPLICABLE, 0, na, null,
                    Fraction.ZERO, Fraction.ZERO, null,
                    List.of(Message.of("scoring.item.not_applicable", na, raters(i, ratings, t, true), Display.format(points))));
        }
        Fraction sum = switch (item.answerType()) {
            case LIKERT_5 -> Coefficients.likertSum(scheme.likert(), t.likert, i * 5);
            case YES_NO -> Fraction.of(t.yes[i]);
            case PERCENT -> Coefficients.percentHundredths(t.percentHundredths[i]);
            case NUMERIC -> t.numericSum[i];
        };
        Fraction coefficient = sum.divide(Fraction.of(answered));
        Fraction achieved = points.multiply(coefficient);
        List<Message> explanation = new ArrayList<>();
        explanation.add(mean(i, ratings, t, answered, coefficient, points, achieved));
        if (na > 0) {
            String naRaters = raters(i, ratings, t, true);
            explanation.add(Message.of("scoring.item.na_ignored", na, naRaters));
            warnings.add(Message.of("scoring.warning.na_ignored", item.code(), na, naRaters));
        }
        return new ScoreResult.ItemResult(item.clause(), item.code(), points, ItemStatus.SCORED, answered, na, coefficient,
                achieved, points, percentage(achieved, points), List.copyOf(explanation));
    }

    /**
     * The item's mean, quoting each rating with its coefficient when few, else counts per answer; sorted so that
     * order never matters.
     */
    private Message mean(int i, List<Rating> ratings, Tally t, int answered, Fraction coefficient, Fraction points,
                         Fraction achieved) {
        Item item = items[i];
        String c = Display.format(coefficient);
        String pts = Display.format(points);
        String a = Display.format(achieved);
        if (t.answered[i] + t.notApplicable[i] <= DETAIL_LIMIT) {
            return Message.of("scoring.item.mean", answered, answers(i, ratings, t), c, pts, a);
        }
        return switch (item.answerType()) {
            case LIKERT_5 -> Message.of("scoring.item.mean_likert", answered, answers(i, ratings, t), c, pts, a);
            case YES_NO -> Message.of("scoring.item.mean_yes_no", answered, t.yes[i], t.answered[i] - t.yes[i], c, pts, a);
            case PERCENT -> Message.of("scoring.item.mean_percent", answered,
                    Display.format(Fraction.of(t.percentHundredths[i], 100)), c, pts, a);
            case NUMERIC -> Message.of("scoring.item.mean_numeric", answered, Display.format(t.numericSum[i]), c, pts, a);
        };
    }

    /** Each rating with its coefficient when few, else counts per Likert answer. */
    private String answers(int i, List<Rating> ratings, Tally t) {
        Item item = items[i];
        if (t.answered[i] + t.notApplicable[i] <= DETAIL_LIMIT) {
            List<String> parts = new ArrayList<>();
            for (int r = t.head[i]; r >= 0; r = t.next[r]) {
                Rating rating = ratings.get(r);
                if (!rating.isNotApplicable()) {
                    parts.add(rating.rater() + ": " + rating.answerText() + " → "
                            + Display.format(Coefficients.of(item, scheme.likert(), rating)));
                }
            }
            parts.sort(Comparator.naturalOrder());
            return String.join(", ", parts);
        }
        List<String> counts = new ArrayList<>();
        for (int a = 5; a >= 1; a--) {
            int n = t.likert[i * 5 + a - 1];
            if (n > 0) {
                counts.add(a + " → " + Display.format(Coefficients.likert(scheme.likert(), a)) + " ×" + n);
            }
        }
        return String.join(", ", counts);
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
        }
        return new ScoreResult.PartResult(part.key(), part.titleZh(), part.titleEn(), points, achieved, applicable,
                percentage, score, part.passMinimum(), passed, groups, List.copyOf(explanation));
    }

    private ScoreResult total(Fraction achieved, Fraction applicable, List<Deduction> deductions, Fraction deducted,
                              Bonus bonus, List<String> missing, List<Message> warnings,
                              List<ScoreResult.PartResult> parts) {
        Fraction fullMarks = Fraction.of(scheme.fullMarks());
        List<Message> explanation = new ArrayList<>();
        List<ScoreResult.FailReason> fails = new ArrayList<>();
        Fraction prorated;
        if (applicable.isZero()) {
            prorated = Fraction.ZERO;
            explanation.add(Message.of("scoring.total.nothing_applicable"));
            fails.add(new ScoreResult.FailReason("total.nothing_applicable", null, Message.of("scoring.fail.nothing_applicable")));
        } else {
            prorated = achieved.divide(applicable).multiply(fullMarks);
            explanation.add(Message.of("scoring.total.prorated", Display.format(achieved), Display.format(applicable),
                    Display.format(fullMarks), Display.format(prorated)));
        }

        Fraction total = prorated;
        SpecialRules special = scheme.special();
        if (!deductions.isEmpty()) {
            List<String> reasons = deductions.stream()
                    .map(d -> d.reason() + " (" + Display.format(pointsOf(d)) + ")").toList();
            explanation.add(Message.of("scoring.total.deductions", deductions.size(), Display.format(deducted),
                    String.join("; ", reasons)));
            total = total.subtract(deducted);
        }
        Fraction granted = Fraction.ZERO;
        if (bonus != null && bonus.points().signum() > 0) {
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
        if (total.signum() < 0) {
            explanation.add(Message.of("scoring.total.floor"));
            total = Fraction.ZERO;
        }
        if (!deductions.isEmpty() || granted.signum() > 0) {
            explanation.add(Message.of("scoring.total.total", Display.format(total)));
        }

        if (special.failRule() instanceof SpecialRules.DeductionCount c && deductions.size() >= c.atLeast()) {
            fails.add(new ScoreResult.FailReason("deductions.count", null,
                    Message.of("scoring.fail.deductions_count", deductions.size(), c.atLeast())));
        } else if (special.failRule() instanceof SpecialRules.DeductedPoints p && deducted.compareTo(p.moreThan()) > 0) {
            fails.add(new ScoreResult.FailReason("deductions.points", null,
                    Message.of("scoring.fail.deductions_points", Display.format(deducted), Display.format(p.moreThan()))));
        }
        for (ScoreResult.PartResult part : parts) {
            if (Boolean.FALSE.equals(part.passed())) {
                String minimum = Display.format(part.passMinimum());
                fails.add(new ScoreResult.FailReason("part.below_minimum", part.key(), part.percentage() == null
                        ? Message.of("scoring.fail.part_nothing_applicable", part.key(), minimum)
                        : Message.of("scoring.fail.part_below_minimum", part.key(), Display.format(part.percentage()), minimum)));
            }
        }
        GradeTable.Level level = null;
        for (GradeTable.Level l : scheme.grades().levels()) {
            if (total.compareTo(l.minimum()) >= 0) {
                level = l;
            }
        }
        if (level == null && !applicable.isZero()) {
            GradeTable.Level lowest = scheme.grades().levels().get(0);
            fails.add(new ScoreResult.FailReason("grade.below_lowest", null, Message.of("scoring.fail.below_lowest_grade",
                    Display.format(total), name(lowest), Display.format(lowest.minimum()))));
        }
        boolean passed = fails.isEmpty();
        if (passed) {
            explanation.add(Message.of("scoring.total.grade", name(level), Display.format(total), Display.format(level.minimum())));
        } else {
            // The reasons follow as lines of their own (a message's arguments are plain values, not messages).
            explanation.add(Message.of("scoring.total.not_graded", fails.size()));
            fails.forEach(f -> explanation.add(f.message()));
        }
        if (!missing.isEmpty()) {
            explanation.add(Message.of("scoring.total.incomplete", missing.size()));
        }
        Fraction percentage = total.divide(fullMarks).multiply(Fraction.HUNDRED);
        return new ScoreResult(scheme.code(), fullMarks, achieved, applicable, prorated, deductions.size(), deducted,
                granted, total, percentage, missing.isEmpty(), List.copyOf(missing), passed ? level : null, passed,
                List.copyOf(fails), List.copyOf(warnings), List.copyOf(parts), List.copyOf(explanation));
    }

    private static String name(GradeTable.Level l) {
        return l.nameZh() != null && l.nameEn() != null ? l.nameZh() + " " + l.nameEn()
                : l.nameZh() != null ? l.nameZh() : l.nameEn() != null ? l.nameEn() : l.key();
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
