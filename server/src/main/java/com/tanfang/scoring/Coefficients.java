package com.tanfang.scoring;

import com.tanfang.scheme.Item;
import com.tanfang.scheme.LikertMapping;
import com.tanfang.scheme.NumericRange;

import java.math.BigDecimal;

/**
 * The one place answers become coefficients 0..1 (per rating, and summed over many ratings from the
 * engine's primitive counters – the sums use the same per-answer values).
 */
final class Coefficients {
    private Coefficients() {}

    static Fraction likert(LikertMapping mapping, int answer) {
        return Fraction.of(mapping.coefficient(answer));
    }

    static Fraction yes(boolean yes) {
        return yes ? Fraction.ONE : Fraction.ZERO;
    }

    /** A percentage given in hundredths of a percent: 7550 = 75.5 % = 0.755. */
    static Fraction percentHundredths(long hundredths) {
        return Fraction.of(hundredths, 10_000);
    }

    /** (value - worst) / (best - worst), clamped to 0..1; works for "lower is better" ranges too. */
    static Fraction numeric(NumericRange range, BigDecimal value) {
        Fraction worst = Fraction.of(range.worst());
        Fraction c = Fraction.of(value).subtract(worst).divide(Fraction.of(range.best()).subtract(worst));
        return c.max(Fraction.ZERO).min(Fraction.ONE);
    }

    /** The coefficient of one valid, applicable rating. */
    static Fraction of(Item item, LikertMapping mapping, Rating r) {
        return switch (item.answerType()) {
            case LIKERT_5 -> likert(mapping, r.likert());
            case YES_NO -> yes(r.yes());
            case PERCENT -> percentHundredths(r.percent().movePointRight(2).longValueExact());
            case NUMERIC -> numeric(item.numericRange(), r.numeric());
        };
    }

    /** Σ over answers 1..5 of count × coefficient. */
    static Fraction likertSum(LikertMapping mapping, int[] counts, int offset) {
        Fraction sum = Fraction.ZERO;
        for (int answer = 1; answer <= 5; answer++) {
            int n = counts[offset + answer - 1];
            if (n > 0) {
                sum = sum.add(likert(mapping, answer).multiply(Fraction.of(n)));
            }
        }
        return sum;
    }

    /** Σ over answers 1..5 of count × answer (for the mean answer). */
    static Fraction answerSum(int[] counts, int offset) {
        long sum = 0;
        for (int answer = 1; answer <= 5; answer++) {
            sum += (long) answer * counts[offset + answer - 1];
        }
        return Fraction.of(sum);
    }

    /**
     * The mapping's coefficient at a mean answer 1..5, interpolating linearly between its five points
     * (LINEAR at 3.5 gives 0.625; the coefficient of the mean answer).
     */
    static Fraction likertAt(LikertMapping mapping, Fraction meanAnswer) {
        Fraction floor = Fraction.of(meanAnswer.numerator().divide(meanAnswer.denominator()).longValueExact());
        int k = (int) Math.max(1, Math.min(5, floor.numerator().longValueExact()));
        Fraction low = likert(mapping, k);
        if (k == 5) {
            return low;
        }
        Fraction share = meanAnswer.subtract(Fraction.of(k));
        return low.add(likert(mapping, k + 1).subtract(low).multiply(share));
    }
}
