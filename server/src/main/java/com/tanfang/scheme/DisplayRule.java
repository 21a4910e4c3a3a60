package com.tanfang.scheme;

import java.math.RoundingMode;
import java.util.Objects;

/**
 * How a scheme's reports print figures, e.g. 2 decimals HALF_UP. Without one, figures print exactly up to 4
 * decimals (140.895 stays 140.895) and inexact ones are cut, never rounded up (see scoring.Display).
 * Pass rules and grades always compare the exact values.
 */
public record DisplayRule(int decimals, RoundingMode rounding) {
    public static final int MAX_DECIMALS = 4;

    public DisplayRule {
        Objects.requireNonNull(rounding, "rounding");
    }
}
