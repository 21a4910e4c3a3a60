package com.tanfang.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place numbers are rounded for people: {@value #DECIMALS} decimals, HALF_UP, trailing zeros
 * dropped (1.75, 0.5, 70). An inexact value is marked with a trailing "…" (56.63…) so a reader knows
 * the shown figure is rounded while the engine compares the exact one.
 */
public final class Display {
    public static final int DECIMALS = 2;

    private Display() {}

    public static String format(Fraction value) {
        BigDecimal rounded = value.toBigDecimal(DECIMALS);
        String text = plain(rounded);
        return Fraction.of(rounded).equals(value) ? text : text + "…";
    }

    public static String format(BigDecimal value) {
        return format(Fraction.of(value));
    }

    /** Rounded for a table cell, without the inexactness mark. */
    public static BigDecimal rounded(Fraction value) {
        return value.toBigDecimal(DECIMALS);
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0, RoundingMode.UNNECESSARY);
        }
        return s.toPlainString();
    }
}
