package com.tanfang.evaluation.reconciliation;

import com.tanfang.agreement.Answer;
import com.tanfang.agreement.Coefficient;
import com.tanfang.agreement.RatingScale;
import com.tanfang.agreement.Tolerance;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.NumericRange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The tolerance by answer type, fixed in code: the scheme format has no tolerance field (schemes.md), so every
 * scheme gets the examples (Likert one step, yes/no any difference, percent 10 points) and, for measured
 * values, a tenth of the item's range. Also which scale and which coefficient the agreement statistics use.
 */
public final class Tolerances {
    /** Numeric items: a tenth of |best - worst| (the percent rule, 10 points out of 100, on the item's own range). */
    static final BigDecimal NUMERIC_SHARE = BigDecimal.TEN;

    private Tolerances() {
    }

    /** How far two answers may lie apart, in the item's units (Likert steps, 0/1, percentage points, its measure). */
    public static BigDecimal of(AnswerType type, NumericRange range) {
        return switch (type) {
            case LIKERT_5 -> BigDecimal.ONE;
            case YES_NO -> BigDecimal.ZERO;
            case PERCENT -> BigDecimal.TEN;
            case NUMERIC -> range == null ? BigDecimal.ZERO
                    : range.best().subtract(range.worst()).abs().divide(NUMERIC_SHARE).stripTrailingZeros();
        };
    }

    /**
     * Whether the two answers differ by more than the tolerance (agreement.Tolerance: exact, N/A against a value
     * always beyond it, both N/A agree). Numeric tolerances may exceed Tolerance's 0..100 / 2-decimal bounds (a
     * range of 0..5000 m), so they are compared here with the same rule.
     */
    public static boolean beyond(AnswerType type, NumericRange range, Answer first, Answer second) {
        BigDecimal tolerance = of(type, range);
        if (type != AnswerType.NUMERIC) {
            return new Tolerance(tolerance).exceeded(first, second);
        }
        if (first.isNotApplicable() || second.isNotApplicable()) {
            return first.isNotApplicable() != second.isNotApplicable();
        }
        return Tolerance.distance(first, second).orElseThrow().compareTo(tolerance) > 0;
    }

    /** The scale the agreement statistics use; empty for measured values (no categories: differences only). */
    static Optional<RatingScale> scale(AnswerType type) {
        return switch (type) {
            case LIKERT_5 -> Optional.of(RatingScale.likert(1, 5));
            case YES_NO -> Optional.of(RatingScale.yesNo());
            case PERCENT -> Optional.of(RatingScale.percent(BigDecimal.ONE));
            case NUMERIC -> Optional.empty();
        };
    }

    /** The answer as the statistics' scale takes it: percents to the whole point (the tolerance test stays exact). */
    static Answer onScale(AnswerType type, Answer answer) {
        if (type != AnswerType.PERCENT || answer.isNotApplicable()) {
            return answer;
        }
        return Answer.of(answer.value().orElseThrow().setScale(0, RoundingMode.HALF_UP));
    }

    /**
     * The chance-corrected statistic reported first: quadratic-weighted kappa for ordered scales (Likert, percent;
     * close to the ICC), Cohen's kappa for yes/no; Gwet's AC2 (quadratic) / AC1 where kappa is undefined (every
     * answer in one category, the kappa paradox).
     */
    static Coefficient.Kind kappa(AnswerType type) {
        return type == AnswerType.YES_NO ? Coefficient.Kind.COHEN_KAPPA : Coefficient.Kind.QUADRATIC_KAPPA;
    }

    /** Gwet's coefficient always shown beside kappa. */
    static Coefficient.Kind gwet(AnswerType type) {
        return type == AnswerType.YES_NO ? Coefficient.Kind.GWET_AC1 : Coefficient.Kind.GWET_AC2;
    }
}
