package com.tanfang.scheme;

import java.util.Objects;

/**
 * How several ratings of one item become its coefficient; part of the scheme and printed in every item's
 * explanation. 004 §6.1.4: "the mean of each person's (visit's) evaluation", so the default is the mean over
 * visits per rater, then over raters: one rater with three visits weighs as much as a rater with one.
 *
 * @param raters {@link Raters#MEAN_PER_RATER} (default) or {@link Raters#FLAT} (every rating counts once)
 * @param likert {@link LikertRule#MEAN_OF_COEFFICIENTS} (default: map each answer, then average) or
 *               {@link LikertRule#COEFFICIENT_OF_MEAN} (average the answers 1..5, then map the mean answer,
 *               interpolating linearly between the mapping's points)
 * @param yesNo  {@link YesNoRule#MEAN} (default: the share of yes, partial credit) or
 *               {@link YesNoRule#MAJORITY} (all or nothing: 1 when the share of yes is more than one half,
 *               else 0; a tie earns nothing)
 */
public record Combination(Raters raters, LikertRule likert, YesNoRule yesNo) {
    public enum Raters { MEAN_PER_RATER, FLAT }

    public enum LikertRule { MEAN_OF_COEFFICIENTS, COEFFICIENT_OF_MEAN }

    public enum YesNoRule { MEAN, MAJORITY }

    public static final Combination DEFAULT = new Combination(Raters.MEAN_PER_RATER, LikertRule.MEAN_OF_COEFFICIENTS, YesNoRule.MEAN);

    public Combination {
        Objects.requireNonNull(raters, "raters");
        Objects.requireNonNull(likert, "likert");
        Objects.requireNonNull(yesNo, "yesNo");
    }
}
