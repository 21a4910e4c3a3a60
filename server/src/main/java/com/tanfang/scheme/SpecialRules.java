package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Special deductions and bonus (004 §6.1): both are applied to the pro-rated total, outside the item table.
 *
 * @param pointsPerDeduction points a special deduction costs unless the deduction names its own points (004: 1)
 * @param maxBonus           cap on the special bonus (004: 1); 0 means no bonus
 * @param failRule           when deductions alone fail the evaluation; {@code null} = never
 */
public record SpecialRules(BigDecimal pointsPerDeduction, BigDecimal maxBonus, FailRule failRule) {

    /** 1 point per deduction, no bonus, deductions never fail on their own. */
    public static final SpecialRules NONE = new SpecialRules(BigDecimal.ONE, BigDecimal.ZERO, null);

    public SpecialRules {
        Objects.requireNonNull(pointsPerDeduction, "pointsPerDeduction");
        Objects.requireNonNull(maxBonus, "maxBonus");
    }

    /**
     * The sources disagree (BRIEF §6: "5 items" vs "more than 5 points"), so both are offered.
     * The built-in 004 scheme uses {@code DeductionCount(5)}: five or more deduction items fail.
     */
    public sealed interface FailRule permits DeductionCount, DeductedPoints, Either {}

    /** Both rules at once (a count rule and a points rule): fails when either holds. */
    public record Either(DeductionCount count, DeductedPoints points) implements FailRule {
        public Either {
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(points, "points");
        }
    }

    /** Fails when the number of deductions is at least {@code atLeast}. */
    public record DeductionCount(int atLeast) implements FailRule {}

    /** Fails when the deducted points are strictly more than {@code moreThan}. */
    public record DeductedPoints(BigDecimal moreThan) implements FailRule {
        public DeductedPoints {
            Objects.requireNonNull(moreThan, "moreThan");
        }
    }
}
