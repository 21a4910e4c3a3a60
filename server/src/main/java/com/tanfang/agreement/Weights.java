package com.tanfang.agreement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Agreement weights w(k, l) in [0, 1] between categories k and l of a scale (1 on the diagonal): how much a
 * pair of different answers still counts as agreement. Computed from the categories' values, as irrCAC's
 * {@code linear.weights} / {@code quadratic.weights} do: linear 1 - |x_k - x_l| / (max - min), quadratic
 * 1 - (x_k - x_l)² / (max - min)². Quadratic weights make weighted kappa close to the intraclass correlation.
 */
public enum Weights {
    /** Only identical answers agree (Cohen's kappa, AC1). */
    IDENTITY,
    LINEAR,
    QUADRATIC;

    public double[][] matrix(RatingScale scale) {
        List<BigDecimal> x = scale.categories();
        int q = x.size();
        BigDecimal range = scale.highest().subtract(scale.lowest());
        double[][] w = new double[q][q];
        for (int k = 0; k < q; k++) {
            for (int l = 0; l < q; l++) {
                if (k == l) {
                    w[k][l] = 1;
                    continue;
                }
                BigDecimal share = x.get(k).subtract(x.get(l)).abs().divide(range, MathContext.DECIMAL64);
                w[k][l] = switch (this) {
                    case IDENTITY -> 0;
                    case LINEAR -> 1 - share.doubleValue();
                    case QUADRATIC -> 1 - share.multiply(share).doubleValue();
                };
            }
        }
        return w;
    }
}
