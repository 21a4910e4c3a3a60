package com.tanfang.statistics;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.Optional;

/**
 * Student's t: its 0.975 quantile (commons-math3 {@link TDistribution}) and the 95 % interval of a mean built on it.
 * Shared by the survey results and by verification; the Wilson interval of a share is {@link Rate}.
 */
public final class StudentT {
    /** The standard normal 0.975 quantile, what t approaches as the degrees of freedom grow. */
    public static final double Z_975 = new NormalDistribution().inverseCumulativeProbability(0.975);

    /**
     * Beyond this many degrees of freedom commons-math3's inverse (a solver over the regularized incomplete beta)
     * loses digits and even falls below z, which t never does. There the first Cornish-Fisher term
     * z + (z³ + z) / 4ν is exact to better than 10⁻¹³, so that small rule stays on top of the library.
     */
    static final int LIBRARY_LIMIT = 10_000_000;

    /** A quantile costs the library's solver ~0.1 ms; results ask for the same few degrees of freedom over and over. */
    private static final LoadingCache<Integer, Double> QUANTILES = Caffeine.newBuilder().maximumSize(10_000)
            .build(StudentT::computeQuantile975);

    private StudentT() {
    }

    /** The 0.975 quantile of Student's t with {@code degreesOfFreedom} (two-sided 95 %). */
    public static double quantile975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + degreesOfFreedom);
        }
        return QUANTILES.get(degreesOfFreedom);
    }

    private static double computeQuantile975(int degreesOfFreedom) {
        if (degreesOfFreedom > LIBRARY_LIMIT) {
            double z = Z_975;
            return z + (z * z * z + z) / (4.0 * degreesOfFreedom);
        }
        // No random generator: only the quantile is needed, never a sample.
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.975);
    }

    /**
     * The 95 % interval mean ± t(n-1) · sd / √n, clamped to [lowest, highest] (the possible values); none for
     * n &lt; 2.
     */
    public static Optional<Interval> meanInterval95(double mean, double standardDeviation, long n, double lowest,
                                                    double highest) {
        if (n < 2) {
            return Optional.empty();
        }
        double half = quantile975((int) Math.min(n - 1, Integer.MAX_VALUE)) * standardDeviation / Math.sqrt(n);
        return Optional.of(new Interval(Math.max(lowest, mean - half), Math.min(highest, mean + half)));
    }
}
