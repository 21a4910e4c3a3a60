package com.tanfang.survey.results;

import com.tanfang.statistics.Interval;
import com.tanfang.statistics.Rate;
import com.tanfang.scheme.LikertAnswer;
import com.tanfang.statistics.StudentT;

import com.tanfang.scheme.LikertMapping;
import com.tanfang.scoring.Fraction;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Statistics of one survey question (BRIEF §2.4: the survey analysis report gives an overall score and a
 * result per item). Don't-knows are counted but excluded from everything else. The choices:
 * <ul>
 *   <li><b>Mean and standard deviation</b> of the answers 1..5; the mean is exact, the deviation is the sample
 *       one (divisor n - 1) and is 0 for n = 1.</li>
 *   <li><b>95 % interval of the mean</b>: mean ± t(n-1) · sd / √n, Student t, see {@link StudentT}; none for n &lt; 2.
 *       It is clamped to the possible range (1..5 for answers); when all answers are equal it is the single
 *       point, which says "no spread observed", not "certain".</li>
 *   <li><b>Satisfaction rate</b> = share of answers 4 and 5, with its 95 % Wilson interval ({@link Rate}).</li>
 *   <li><b>Score</b> = 100 × the mean coefficient of the answers under the scheme's {@link LikertMapping}, and
 *       its interval is the same t-interval computed on the per-answer coefficients (clamped to the mapping's
 *       lowest..highest coefficient), × 100. For the affine presets (LINEAR, OVER_FIVE) this is exactly the
 *       answer-mean interval mapped linearly; for a CUSTOM table it is the honest t-interval of the coefficients
 *       (no bootstrap).</li>
 * </ul>
 * Groups (online and offline) merge by pooling their answers: {@link #merged}.
 */
public final class SurveyStatistics {

    private static final List<Fraction> ANSWER_VALUES = List.of(Fraction.of(1), Fraction.of(2), Fraction.of(3), Fraction.of(4), Fraction.of(5));

    private SurveyStatistics() {}

    /** A point estimate with its spread and, for n &ge; 2, its 95 % interval. */
    public record Estimate(Fraction value, double standardDeviation, Optional<Interval> interval95) {}

    /** Everything is empty when nobody answered 1..5. */
    public record Summary(long answered, long dontKnows, Optional<Estimate> mean, Optional<Rate> satisfaction, Optional<Estimate> score) {}

    /** A flagged item: its code, its score, and whether even the interval's upper end is below the threshold. */
    public record LowItem(String item, Fraction score, boolean clearlyBelow) {}

    public static Summary summarize(Collection<LikertAnswer> answers, LikertMapping mapping) {
        return summarize(AnswerTally.of(answers), mapping);
    }

    public static Summary summarize(AnswerTally tally, LikertMapping mapping) {
        long n = tally.answered();
        if (n == 0) {
            return new Summary(0, tally.dontKnows(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        List<Fraction> coefficients = IntStream.rangeClosed(1, 5)
                .mapToObj(a -> Fraction.of(mapping.coefficient(a))).toList();
        Estimate coefficient = estimate(tally, coefficients);
        Estimate score = new Estimate(coefficient.value().multiply(Fraction.HUNDRED), coefficient.standardDeviation() * 100,
                coefficient.interval95().map(i -> i.scaled(100)));
        return new Summary(n, tally.dontKnows(), Optional.of(estimate(tally, ANSWER_VALUES)),
                Optional.of(Rate.of(tally.satisfied(), n)), Optional.of(score));
    }

    /** Online and offline (or any) groups together: the statistics of all their answers pooled. */
    public static Summary merged(LikertMapping mapping, AnswerTally... groups) {
        AnswerTally all = AnswerTally.EMPTY;
        for (AnswerTally g : groups) {
            all = all.plus(g);
        }
        return summarize(all, mapping);
    }

    /** Items whose score is below {@code threshold} (0..100), lowest first; items nobody answered are not flagged. */
    public static List<LowItem> itemsBelow(Map<String, Summary> byItem, BigDecimal threshold) {
        return byItem.entrySet().stream()
                .filter(e -> e.getValue().score().isPresent())
                .map(e -> {
                    Estimate score = e.getValue().score().get();
                    boolean clearly = score.interval95().map(i -> i.high() < threshold.doubleValue()).orElse(false);
                    return new LowItem(e.getKey(), score.value(), clearly);
                })
                .filter(low -> low.score().compareTo(threshold) < 0)
                .sorted(Comparator.comparing(LowItem::score).thenComparing(LowItem::item))
                .toList();
    }

    /** One scored question's part in the overall score: its summary and its weight (the scheme item's points). */
    public record Weighted(Summary summary, BigDecimal weight) {}

    /**
     * The overall survey score (BRIEF §2.4 "an overall survey score"), the way the scoring engine totals items
     * (item score = points × mean coefficient, total pro-rated over what is applicable): the points-weighted mean
     * of the answered items' scores, Σ pᵢ·sᵢ / Σ pᵢ over items with at least one 1..5 answer (an item nobody
     * answered leaves the denominator rather than counting 0: a survey has no "missing rater" to chase). When the
     * answered items carry no points at all, each counts equally. Empty when no item was answered.
     * <p>
     * Interval: the same weights applied to the items' interval ends, Σ pᵢ·lowᵢ / Σ pᵢ .. Σ pᵢ·highᵢ / Σ pᵢ. The
     * items are answered by the same respondents, so their errors are correlated; by the triangle inequality the
     * spread of a weighted sum is at most the weighted sum of the spreads, so this interval (the one for items
     * moving in lock-step) is never narrower than the exact one: conservative, computable from the tallies alone.
     * None when any answered item has no interval (fewer than 2 answers).
     */
    public static Optional<Estimate> overall(Collection<Weighted> items) {
        List<Weighted> answered = items.stream().filter(w -> w.summary().score().isPresent()).toList();
        if (answered.isEmpty()) {
            return Optional.empty();
        }
        boolean equal = answered.stream().allMatch(w -> w.weight().signum() == 0);
        Fraction total = Fraction.ZERO;
        Fraction weighted = Fraction.ZERO;
        double low = 0;
        double high = 0;
        boolean intervals = true;
        for (Weighted w : answered) {
            Fraction weight = equal ? Fraction.ONE : Fraction.of(w.weight());
            Estimate score = w.summary().score().get();
            total = total.add(weight);
            weighted = weighted.add(weight.multiply(score.value()));
            if (score.interval95().isPresent()) {
                low += weight.doubleValue() * score.interval95().get().low();
                high += weight.doubleValue() * score.interval95().get().high();
            } else {
                intervals = false;
            }
        }
        double sum = total.doubleValue();
        Optional<Interval> interval = intervals ? Optional.of(new Interval(low / sum, high / sum)) : Optional.empty();
        return Optional.of(new Estimate(weighted.divide(total), Double.NaN, interval));
    }

    /** Mean, sample deviation and clamped t-interval of the values that answers 1..5 stand for. */
    private static Estimate estimate(AnswerTally tally, List<Fraction> valueOfAnswer) {
        long n = tally.answered();
        Fraction sum = Fraction.ZERO;
        for (int a = 1; a <= 5; a++) {
            sum = sum.add(valueOfAnswer.get(a - 1).multiply(Fraction.of(tally.count(LikertAnswer.likert(a)))));
        }
        Fraction mean = sum.divide(Fraction.of(n));
        if (n < 2) {
            return new Estimate(mean, 0, Optional.empty());
        }
        Fraction squares = Fraction.ZERO;
        for (int a = 1; a <= 5; a++) {
            Fraction d = valueOfAnswer.get(a - 1).subtract(mean);
            squares = squares.add(d.multiply(d).multiply(Fraction.of(tally.count(LikertAnswer.likert(a)))));
        }
        double sd = Math.sqrt(squares.divide(Fraction.of(n - 1)).doubleValue());
        double lowest = valueOfAnswer.stream().min(Comparator.naturalOrder()).orElseThrow().doubleValue();
        double highest = valueOfAnswer.stream().max(Comparator.naturalOrder()).orElseThrow().doubleValue();
        return new Estimate(mean, sd, StudentT.meanInterval95(mean.doubleValue(), sd, n, lowest, highest));
    }
}
