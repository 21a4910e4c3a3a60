package com.tanfang.statistics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** commons-math3's t quantiles give the results the former hand-made table gave, to 6 decimals. */
class StudentTTest {
    /** Within half a unit of the sixth decimal: the same value to 6 decimals. */
    private static final double SIX_DECIMALS = 5e-7;

    @Test
    void studentTQuantiles() {
        assertEquals(12.706205, StudentT.quantile975(1), SIX_DECIMALS);
        assertEquals(2.776445, StudentT.quantile975(4), SIX_DECIMALS);
        assertEquals(2.042272, StudentT.quantile975(30), SIX_DECIMALS);
        // Against reference values (scipy.stats.t.ppf(0.975, ν)).
        assertEquals(2.039513446, StudentT.quantile975(31), 1e-7);
        assertEquals(2.000297822, StudentT.quantile975(60), 1e-7);
        assertEquals(1.979930405, StudentT.quantile975(120), 1e-7);
        assertEquals(1.962339081, StudentT.quantile975(1000), 1e-7);
        for (int v = 1; v < 500; v++) {
            assertTrue(StudentT.quantile975(v + 1) < StudentT.quantile975(v), "decreasing at " + v);
        }
        assertEquals(Rate.Z_95, StudentT.quantile975(Integer.MAX_VALUE), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile975(0));
    }

    @Test
    void theFormerTableToSixDecimals() {
        double[] table = {
                12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
                2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
                2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272};
        for (int v = 1; v <= table.length; v++) {
            assertEquals(table[v - 1], StudentT.quantile975(v), SIX_DECIMALS, "ν = " + v);
        }
    }

    @Test
    void hugeDegreesOfFreedomStayAboveTheNormalQuantile() {
        // Where the library's solver loses digits the small rule on top takes over; t always exceeds z.
        for (int v : new int[]{100_000, StudentT.LIBRARY_LIMIT, StudentT.LIBRARY_LIMIT + 1, 100_000_000, Integer.MAX_VALUE}) {
            double t = StudentT.quantile975(v);
            assertTrue(t > StudentT.Z_975, "ν = " + v + ": " + t);
            double z = StudentT.Z_975;
            assertEquals(z + (z * z * z + z) / (4.0 * v), t, 1e-8, "ν = " + v);
        }
        assertEquals(Rate.Z_95, StudentT.Z_975, 1e-12);
    }

    @Test
    void meanIntervalIsClampedAndNeedsTwoAnswers() {
        assertTrue(StudentT.meanInterval95(4.0, 1.0, 1, 1, 5).isEmpty());
        Interval i = StudentT.meanInterval95(4.0, 1.0, 5, 1, 5).orElseThrow();
        assertEquals(4.0 - 2.776445 / Math.sqrt(5), i.low(), 1e-6);
        assertEquals(5.0, i.high(), "clamped to the highest possible answer");
    }
}
