package com.tanfang.agreement;

import com.tanfang.statistics.Interval;
import com.tanfang.statistics.StudentT;

import java.util.Optional;

/**
 * The q × q table of two raters' answers on one scale: counts[k][l] items put in category k by the first rater
 * and l by the second. The coefficients are those of Gwet (2014) for two raters, as coded in irrCAC's
 * {@code kappa2.table} and {@code gwet.ac1.table} (the package's published outputs are what the tests check).
 */
public final class ContingencyTable {
    private final RatingScale scale;
    private final long[][] counts;
    private final long n;

    ContingencyTable(RatingScale scale, long[][] counts) {
        this.scale = scale;
        this.counts = counts;
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        this.n = total;
    }

    public RatingScale scale() {
        return scale;
    }

    /** Items rated on the scale by both raters. */
    public long n() {
        return n;
    }

    public long count(int first, int second) {
        return counts[first][second];
    }

    public Coefficient coefficient(Coefficient.Kind kind) {
        if (n == 0) {
            return Coefficient.undefined(kind, Coefficient.Undefined.NO_PAIRS);
        }
        if (kind.isKappa()) {
            if (oneCategory()) {
                return Coefficient.undefined(kind, Coefficient.Undefined.ONE_CATEGORY);
            }
            return Coefficient.of(kind, kappa(kind.weights.matrix(scale)));
        }
        return Coefficient.of(kind, gwet(kind.weights.matrix(scale)));
    }

    /**
     * Both raters used one and the same category for every item: then pe = 1 for kappa whatever the weights
     * (they are 1 only on the diagonal). Decided on the counts, exactly, not on a floating-point pe.
     */
    private boolean oneCategory() {
        for (int k = 0; k < counts.length; k++) {
            if (counts[k][k] == n) {
                return true;
            }
        }
        return false;
    }

    /** Cohen's (weighted) kappa; variance: Fleiss, Cohen and Everitt (1969) in Gwet's (2014, ch. 5) notation. */
    private Estimate kappa(double[][] w) {
        int q = counts.length;
        double[][] p = proportions();
        double[] row = rowMargins(p);
        double[] col = columnMargins(p);
        double pa = 0;
        double pe = 0;
        for (int k = 0; k < q; k++) {
            for (int l = 0; l < q; l++) {
                pa += w[k][l] * p[k][l];
                pe += w[k][l] * row[k] * col[l];
            }
        }
        double kappa = (pa - pe) / (1 - pe);
        // w̄_k. = Σ_l w_kl p_.l and w̄_.l = Σ_k w_kl p_k.
        double[] wRow = new double[q];
        double[] wCol = new double[q];
        for (int k = 0; k < q; k++) {
            for (int l = 0; l < q; l++) {
                wRow[k] += w[k][l] * col[l];
                wCol[l] += w[k][l] * row[k];
            }
        }
        double sum = 0;
        for (int k = 0; k < q; k++) {
            for (int l = 0; l < q; l++) {
                double d = w[k][l] - (1 - kappa) * (wRow[k] + wCol[l]);
                sum += p[k][l] * d * d;
            }
        }
        double last = pa - 2 * (1 - kappa) * pe;
        double variance = (sum - last * last) / (n * (1 - pe) * (1 - pe));
        return estimate(kappa, pa, pe, variance);
    }

    /** Gwet's AC1 (identity weights) or AC2 (other weights); variance: Gwet (2008; 2014, ch. 5). */
    private Estimate gwet(double[][] w) {
        int q = counts.length;
        double[][] p = proportions();
        double[] row = rowMargins(p);
        double[] col = columnMargins(p);
        double[] pi = new double[q];
        double totalWeight = 0;
        double pa = 0;
        double spread = 0;
        for (int k = 0; k < q; k++) {
            pi[k] = (row[k] + col[k]) / 2;
            spread += pi[k] * (1 - pi[k]);
            for (int l = 0; l < q; l++) {
                totalWeight += w[k][l];
                pa += w[k][l] * p[k][l];
            }
        }
        double scaled = totalWeight / ((double) q * (q - 1));
        double pe = scaled * spread;
        double ac = (pa - pe) / (1 - pe);
        double sum = 0;
        for (int k = 0; k < q; k++) {
            for (int l = 0; l < q; l++) {
                double d = w[k][l] - 2 * (1 - ac) * scaled * (1 - (pi[k] + pi[l]) / 2);
                sum += p[k][l] * d * d;
            }
        }
        double last = pa - 2 * (1 - ac) * pe;
        double variance = (sum - last * last) / (n * (1 - pe) * (1 - pe));
        return estimate(ac, pa, pe, variance);
    }

    private Estimate estimate(double value, double pa, double pe, double variance) {
        // Negative only through rounding (e.g. perfect agreement, where it is exactly 0).
        double se = Math.sqrt(Math.max(0, variance));
        Optional<Interval> interval = Optional.empty();
        if (n >= 2) {
            double half = StudentT.quantile975((int) Math.min(n - 1, Integer.MAX_VALUE)) * se;
            double high = Math.min(1, value + half);
            interval = Optional.of(new Interval(Math.min(value - half, high), high));
        }
        return new Estimate(value, pa, pe, se, interval);
    }

    private double[][] proportions() {
        int q = counts.length;
        double[][] p = new double[q][q];
        for (int k = 0; k < q; k++) {
            for (int l = 0; l < q; l++) {
                p[k][l] = (double) counts[k][l] / n;
            }
        }
        return p;
    }

    private static double[] rowMargins(double[][] p) {
        double[] m = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            for (int l = 0; l < p.length; l++) {
                m[k] += p[k][l];
            }
        }
        return m;
    }

    private static double[] columnMargins(double[][] p) {
        double[] m = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            for (int l = 0; l < p.length; l++) {
                m[l] += p[k][l];
            }
        }
        return m;
    }
}
