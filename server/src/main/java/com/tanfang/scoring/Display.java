package com.tanfang.scoring;

import com.tanfang.scheme.DisplayRule;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place numbers are shaped for people. A value that is exact at up to {@value #EXACT_DECIMALS}
 * decimals is shown exactly, trailing zeros dropped (140.895, 1.75, 0.5, 70). Any other value is <b>cut</b>
 * (rounded towards negative infinity) at {@value #EXACT_DECIMALS} decimals and marked with a trailing "…"
 * (97.5294…, 79.9999…): cutting never crosses a threshold of up to 4 decimals, so a value below 80 never
 * reads "80…" next to "below 80". A scheme's own {@link DisplayRule} (e.g. 2 decimals HALF_UP, as
 * reports print it) is applied by {@link #print}; the engine always compares the exact values.
 */
public final class Display {
    public static final int EXACT_DECIMALS = 4;

    private Display() {}

    public static String format(Fraction value) {
        BigDecimal cut = value.toBigDecimal(EXACT_DECIMALS, RoundingMode.FLOOR);
        String text = plain(cut);
        return Fraction.of(cut).equals(value) ? text : text + "…";
    }

    public static String format(BigDecimal value) {
        return format(Fraction.of(value));
    }

    /**
     * A total as a document (audit report, certificate, public page) prints it: {@code printed} (the scheme's rule,
     * or an exact value) as it is, but a cut value ("79.0034…") as 2 decimals cut the same way (79.00): an ellipsis
     * reads as unfinished on a certificate, and cutting, unlike rounding, never lifts 79.996 to a threshold of 80.00
     * the exact value missed.
     */
    public static String document(String printed, Fraction exact) {
        if (printed == null || !printed.endsWith("…") || exact == null) {
            return printed;
        }
        return exact.toBigDecimal(2, RoundingMode.FLOOR).toPlainString();
    }

    /** As a report prints it: the scheme's rule (fixed decimals, its rounding), or {@link #format} without one. */
    public static String print(Fraction value, DisplayRule rule) {
        if (value == null) {
            return null;
        }
        if (rule == null) {
            return format(value);
        }
        return value.toBigDecimal(rule.decimals(), rule.rounding()).toPlainString();
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0, RoundingMode.UNNECESSARY);
        }
        return s.toPlainString();
    }
}
