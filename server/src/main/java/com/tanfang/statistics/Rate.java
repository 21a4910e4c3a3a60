package com.tanfang.statistics;

import com.tanfang.scoring.Fraction;

/**
 * A share of successes among trials (satisfied answers, confirmed call-backs) with its 95 % Wilson score
 * interval. Wilson rather than the textbook p ± z·√(p(1-p)/n) because samples are small and shares near 0 or
 * 1, where that one collapses to a zero-width interval or leaves [0, 1].
 */
public record Rate(long successes, long trials, Fraction value, Interval interval) {
    /** The standard normal 0.975 quantile. */
    public static final double Z_95 = 1.959963984540054;

    public static Rate of(long successes, long trials) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got " + successes + "/" + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z_95 * Z_95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z_95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // Clamp against rounding only: mathematically the Wilson bounds stay in [0, 1].
        Interval interval = new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
        return new Rate(successes, trials, Fraction.of(successes, trials), interval);
    }
}
