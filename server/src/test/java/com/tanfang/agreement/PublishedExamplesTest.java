package com.tanfang.agreement;

import com.tanfang.statistics.Interval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tanfang.agreement.Coefficient.Kind.COHEN_KAPPA;
import static com.tanfang.agreement.Coefficient.Kind.GWET_AC1;
import static com.tanfang.agreement.Coefficient.Kind.GWET_AC2;
import static com.tanfang.agreement.Coefficient.Kind.LINEAR_KAPPA;
import static com.tanfang.agreement.Coefficient.Kind.QUADRATIC_KAPPA;
import static com.tanfang.agreement.Tables.pairs;
import static com.tanfang.agreement.Tables.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Published worked examples with their published numbers (to the digits published). Sources are named at each
 * case; see server/docs/agreement.md for the list and for what could not be matched.
 */
class PublishedExamplesTest {

    /** Half a unit of the 7th decimal: the 7 significant digits irrCAC's README prints. */
    private static final double SEVEN = 5e-8;

    private static PairAgreement agreement(RatingScale scale, List<PairedRating> pairs) {
        return Agreement.between(scale, Tolerance.none(), pairs);
    }

    private static Estimate estimate(PairAgreement agreement, Coefficient.Kind kind) {
        return agreement.coefficient(kind).estimate().orElseThrow();
    }

    /**
     * irrCAC (Gwet, github.com/kgwet/irrCAC, README.md, "Computing agreement Coefficients from Contingency
     * tables"): dataset cont3x3abstractors (Ectopic / AIU / NIU, 100 subjects, 2 abstractors):
     * kappa2.table → Cohen's Kappa 0.7964094, se 0.05891072, CI (0.68, 0.913);
     * gwet.ac1.table → Gwet's AC1 0.8493305, se 0.04321747, CI (0.764, 0.935);
     * pa2.table → Percent Agreement 0.89, se 0.03128898.
     */
    @Test
    void irrCacAbstractorsKappaAc1AndPercentAgreement() {
        long[][] abstractors = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};
        PairAgreement agreement = agreement(RatingScale.likert(1, 3), pairs(1, abstractors));

        Estimate kappa = estimate(agreement, COHEN_KAPPA);
        assertEquals(0.7964094, kappa.value(), SEVEN);
        assertEquals(0.05891072, kappa.standardError(), 5e-9);
        Interval kappaInterval = kappa.interval95().orElseThrow();
        assertEquals(0.680, kappaInterval.low(), 5e-4, "published rounded to 3 decimals: (0.68,0.913)");
        assertEquals(0.913, kappaInterval.high(), 5e-4);

        Estimate ac1 = estimate(agreement, GWET_AC1);
        assertEquals(0.8493305, ac1.value(), SEVEN);
        assertEquals(0.04321747, ac1.standardError(), 5e-9);
        Interval ac1Interval = ac1.interval95().orElseThrow();
        assertEquals(0.764, ac1Interval.low(), 5e-4, "published (0.764,0.935)");
        assertEquals(0.935, ac1Interval.high(), 5e-4);

        PercentAgreement exact = agreement.exact().orElseThrow();
        assertEquals(89, exact.rate().successes());
        assertEquals(100, exact.rate().trials());
        assertEquals(0.89, exact.value(), 0);
        assertEquals(0.03128898, exact.standardError(), 5e-9);
    }

    /**
     * The same table with quadratic weights, to more digits than the port's tests give, by hand (the
     * arithmetic is short):
     * weights (1, .75, 0); pa = .89 + .11 · .75 = .9725; margins rows (.13, .27, .60), columns (.13, .24, .63).
     * Kappa: pe = .13·.31 + .27·.81 + .60·.81 = .745, κ = .2275 / .255 = .892157. AC2: π = (.13, .255, .615),
     * Σπ(1-π) = .53985, T_w / q(q-1) = 6 / 6, pe = .53985, AC2 = .43265 / .46015 = .940237.
     */
    @Test
    void abstractorsWithQuadraticWeightsByHand() {
        long[][] abstractors = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};
        PairAgreement agreement = agreement(RatingScale.likert(1, 3), pairs(1, abstractors));

        Estimate kappa = estimate(agreement, QUADRATIC_KAPPA);
        assertEquals(0.9725, kappa.observed(), 1e-12);
        assertEquals(0.745, kappa.chance(), 1e-12);
        assertEquals(0.2275 / 0.255, kappa.value(), 1e-12);

        Estimate ac2 = estimate(agreement, GWET_AC2);
        assertEquals(0.9725, ac2.observed(), 1e-12);
        assertEquals(0.53985, ac2.chance(), 1e-12);
        assertEquals(0.43265 / 0.46015, ac2.value(), 1e-12);
        assertEquals(0.940237, ac2.value(), 5e-7);
    }

    /** Three decimals, as the Python port's tests state them (half a unit, plus rounding slack). */
    private static final double THREE = 5.0001e-4;

    private static void assertEstimate(String what, double value, double se, double low, double high, Estimate e) {
        assertEquals(value, e.value(), THREE, what + " value");
        if (!Double.isNaN(se)) {
            assertEquals(se, e.standardError(), THREE, what + " se");
        }
        assertEquals(low, e.interval95().orElseThrow().low(), THREE, what + " interval low");
        assertEquals(high, e.interval95().orElseThrow().high(), THREE, what + " interval high");
    }

    /**
     * Weighted coefficients and their intervals, from the tests of irrCAC's Python port "with permission"
     * (github.com/afergadis/irrCAC, test/unit/irrCAC/table/test_cohen.py and test_gwet.py; 3 decimals):
     * cont3x3abstractors quadratic κ 0.892 (0.822, 0.962), linear κ 0.843 (0.748, 0.938), AC2 quadratic 0.940
     * (0.905, 0.976); cont4x4diagnosis (Schizophrenia / Bipolar disorder / Depression / Other, irrCAC's
     * inst/extdata/cont4x4diagnosis.csv) κ 0.432 se 0.046 (0.341, 0.522), linear κ 0.407 se 0.053 (0.302, 0.512),
     * quadratic κ 0.383 se 0.066 (0.254, 0.513), AC1 0.456 se 0.043 (0.371, 0.542), AC2 quadratic 0.299 se 0.075
     * (0.150, 0.447).
     */
    @Test
    void irrCacPythonPortWeightedCoefficients() {
        PairAgreement abstractors = agreement(RatingScale.likert(1, 3),
                pairs(1, new long[][]{{13, 0, 0}, {0, 20, 7}, {0, 4, 56}}));
        assertEstimate("abstractors quadratic kappa", 0.892, Double.NaN, 0.822, 0.962,
                estimate(abstractors, QUADRATIC_KAPPA));
        assertEstimate("abstractors linear kappa", 0.843, Double.NaN, 0.748, 0.938, estimate(abstractors, LINEAR_KAPPA));
        assertEstimate("abstractors AC2", 0.940, Double.NaN, 0.905, 0.976, estimate(abstractors, GWET_AC2));

        PairAgreement diagnosis = agreement(RatingScale.likert(1, 4), pairs(1, new long[][]{
                {40, 6, 4, 15}, {4, 25, 1, 5}, {4, 2, 21, 9}, {17, 13, 12, 45}}));
        assertEstimate("diagnosis kappa", 0.432, 0.046, 0.341, 0.522, estimate(diagnosis, COHEN_KAPPA));
        assertEstimate("diagnosis linear kappa", 0.407, 0.053, 0.302, 0.512, estimate(diagnosis, LINEAR_KAPPA));
        assertEstimate("diagnosis quadratic kappa", 0.383, 0.066, 0.254, 0.513, estimate(diagnosis, QUADRATIC_KAPPA));
        assertEstimate("diagnosis AC1", 0.456, 0.043, 0.371, 0.542, estimate(diagnosis, GWET_AC1));
        assertEstimate("diagnosis AC2", 0.299, 0.075, 0.150, 0.447, estimate(diagnosis, GWET_AC2));
    }

    /**
     * scikit-learn, sklearn/metrics/tests/test_classification.py, test_cohen_kappa: Artstein and Poesio
     * (2008) Table 1, contingency [[20, 20], [10, 50]] (kappa 0.348, 3 decimals), Artstein and Poesio (2008) Table 4 (0.8013) and the weighting example
     * (none 0.9315, linear 0.9412, quadratic 0.9541, 4 decimals).
     */
    @Test
    void scikitLearnCohenKappaExamples() {
        PairAgreement table1 = agreement(RatingScale.yesNo(),
                pairs(repeat(0, 40, 1, 60), repeat(0, 20, 1, 20, 0, 10, 1, 50)));
        assertEquals(0.348, table1.coefficient(COHEN_KAPPA).value(), 5e-4);

        RatingScale three = RatingScale.likert(0, 2);
        PairAgreement artstein = agreement(three, pairs(repeat(0, 46, 1, 44, 2, 10), repeat(0, 52, 1, 32, 2, 16)));
        assertEquals(0.8013, artstein.coefficient(COHEN_KAPPA).value(), 5e-5);

        PairAgreement weighting = agreement(three, pairs(repeat(0, 46, 1, 44, 2, 10), repeat(0, 50, 1, 40, 2, 10)));
        assertEquals(0.9315, weighting.coefficient(COHEN_KAPPA).value(), 5e-5);
        assertEquals(0.9412, weighting.coefficient(LINEAR_KAPPA).value(), 5e-5);
        assertEquals(0.9541, weighting.coefficient(QUADRATIC_KAPPA).value(), 5e-5);
    }

    /**
     * PyCM (github.com/sepandhaghighi/pycm), Test/verified_test.py, "Verified Case" often / seldom / never:
     * matrix {often: {often 16, seldom 6, never 2}, seldom: {4, 10, 1}, never: {3, 0, 8}};
     * weighted_kappa with disagreement weights 0/1/2 (linear on the ordered scale) = 0.5009505703422054, with
     * 0/1 weights (unweighted) = 0.49590422180214233.
     */
    @Test
    void pycmWeightedKappaVerifiedCase() {
        long[][] oftenSeldomNever = {{16, 6, 2}, {4, 10, 1}, {3, 0, 8}};
        PairAgreement agreement = agreement(RatingScale.likert(1, 3), pairs(1, oftenSeldomNever));
        assertEquals(0.5009505703422054, agreement.coefficient(LINEAR_KAPPA).value(), 1e-12);
        assertEquals(0.49590422180214233, agreement.coefficient(COHEN_KAPPA).value(), 1e-12);
    }
}
