package com.tanfang.agreement;

import com.tanfang.statistics.Interval;

import java.util.Optional;

/**
 * A chance-corrected coefficient (pa - pe) / (1 - pe) with the parts it is made of, its standard error and its
 * 95 % interval value ± t(0.975, n - 1) · se, the upper bound capped at 1 (as irrCAC does; the lower bound is
 * not clamped). Doubles: the statistic is a ratio of sums of products and its standard error a square root.
 *
 * @param value         the coefficient
 * @param observed      pa, the (weighted) observed agreement
 * @param chance        pe, the agreement expected by chance (kappa: from each rater's own distribution; Gwet:
 *                      from the pooled distribution, (T_w / q(q-1)) Σ π_k (1 - π_k))
 * @param standardError from Gwet's (2014) variance formula; for kappa that is the Fleiss-Cohen-Everitt (1969)
 *                      large-sample non-null variance written in Gwet's notation
 * @param interval95    empty for fewer than two items (no degrees of freedom)
 */
public record Estimate(double value, double observed, double chance, double standardError,
                       Optional<Interval> interval95) {
}
