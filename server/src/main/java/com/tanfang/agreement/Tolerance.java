package com.tanfang.agreement;

import com.tanfang.message.InvalidException;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How far two raters' answers on one item may lie apart before the item is flagged for reconciliation, in the
 * scale's own units: one Likert step ({@code 1}), ten percentage points ({@code 10}), any yes/no difference
 * ({@code 0}). An item is flagged when the answers differ by MORE than this; exactly the tolerance is still
 * within it. Exact arithmetic: the values come from ratings and the scheme, never from a computation.
 *
 * @param maxDifference 0..100 with at most 2 decimals
 */
public record Tolerance(BigDecimal maxDifference) {
    public static final BigDecimal MAX = BigDecimal.valueOf(100);
    public static final int MAX_DECIMALS = 2;

    public Tolerance {
        if (maxDifference == null || maxDifference.signum() < 0 || maxDifference.compareTo(MAX) > 0
                || Numbers.plain(maxDifference).scale() > MAX_DECIMALS) {
            throw InvalidException.field("tolerance", "agreement.tolerance_invalid", MAX.toPlainString(), MAX_DECIMALS);
        }
        maxDifference = Numbers.plain(maxDifference);
    }

    public static Tolerance of(String maxDifference) {
        return new Tolerance(new BigDecimal(maxDifference));
    }

    public static Tolerance of(long maxDifference) {
        return new Tolerance(BigDecimal.valueOf(maxDifference));
    }

    /** Any difference is flagged (yes/no). */
    public static Tolerance none() {
        return new Tolerance(BigDecimal.ZERO);
    }

    /**
     * The examples where a scheme names no tolerance of its own: any difference on yes/no, one step on
     * Likert (the step between neighbouring categories), 10 percentage points on a 0..100 percent scale.
     */
    public static Tolerance usual(RatingScale scale) {
        if (scale.equals(RatingScale.yesNo())) {
            return none();
        }
        if (scale.lowest().signum() == 0 && scale.highest().compareTo(MAX) == 0) {
            return of(10);
        }
        return new Tolerance(scale.categories().get(1).subtract(scale.categories().get(0)));
    }

    /** |first - second|, exact; empty when either is N/A. */
    public static java.util.Optional<BigDecimal> distance(Answer first, Answer second) {
        if (first.isNotApplicable() || second.isNotApplicable()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Numbers.plain(first.value().orElseThrow().subtract(second.value().orElseThrow()).abs()));
    }

    /**
     * Whether the two answers lie within the tolerance. Both N/A agree; one N/A against a value never does
     * (the lead decides whether N/A is justified, so such an item always goes to reconciliation).
     */
    public boolean within(Answer first, Answer second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.isNotApplicable() || second.isNotApplicable()) {
            return first.isNotApplicable() && second.isNotApplicable();
        }
        return distance(first, second).orElseThrow().compareTo(maxDifference) <= 0;
    }

    /** Whether the item is flagged for reconciliation: the answers differ by more than the tolerance. */
    public boolean exceeded(Answer first, Answer second) {
        return !within(first, second);
    }
}
