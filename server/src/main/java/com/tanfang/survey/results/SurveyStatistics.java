package com.tanfang.survey.results;

import com.tanfang.statistics.Interval;
import com.tanfang.statistics.Rate;
import com.tanfang.scheme.LikertAnswer;

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
 *   <li><b>95 % interval of the mean</b>: mean ± t(n-1) · sd / √n, Student t, see {@link #t975}; none for n &lt; 2.
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

    /** t(ν) two-sided 95 % (the 0.975 quantile) for ν = 1..30, six decimals. */
    private static final double[] T975 = {
            12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
            2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
            2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272};

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

    /**
     * The 0.975 quantile of Student's t with ν degrees of freedom (two-sided 95 %): a table for ν = 1..30
     * (to 6 decimals), beyond it the Cornish-Fisher expansion around z = 1.95996 to the ν⁻⁴ term, which is
     * within 3·10⁻⁸ of the true value for every ν &gt; 30.
     */
    public static double t975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + degreesOfFreedom);
        }
        if (degreesOfFreedom <= T975.length) {
            return T975[degreesOfFreedom - 1];
        }
        double v = degreesOfFreedom;
        double z = Rate.Z_95;
        double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
        return z + (z3 + z) / (4 * v)
                + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
                + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
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
        double half = t975((int) Math.min(n - 1, Integer.MAX_VALUE)) * sd / Math.sqrt(n);
        double lowest = valueOfAnswer.stream().min(Comparator.naturalOrder()).orElseThrow().doubleValue();
        double highest = valueOfAnswer.stream().max(Comparator.naturalOrder()).orElseThrow().doubleValue();
        double m = mean.doubleValue();
        return new Estimate(mean, sd, Optional.of(new Interval(Math.max(lowest, m - half), Math.min(highest, m + half))));
    }
}
