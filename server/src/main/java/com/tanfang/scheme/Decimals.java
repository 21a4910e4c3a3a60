package com.tanfang.scheme;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The one bound on every decimal a client sends before it reaches exact arithmetic ({@code Fraction}, sums of
 * points, pro-rating): at most {@value #MAX_INTEGER_DIGITS} digits before the decimal point (|v| &lt; 10^9) and
 * {@value #MAX_SCALE} after it (trailing zeros do not count). Real schemes use points up to a few thousand with
 * at most two decimals; the bound is generous for them (24 decimals: a document may carry 12.5000000000000000000001,
 * which no double holds, and get it back exactly) and keeps an attacker's {@code 1e300000} (exact value
 * 10^300000, minutes of CPU) or {@code 1e-300000} out.
 *
 * <p>Only cheap operations run before the verdict: {@link BigDecimal#precision()} and {@link BigDecimal#scale()}
 * read the parsed value, and {@link BigDecimal#stripTrailingZeros()} runs only once the precision is known to be
 * small. The value itself is never printed in the message (its plain form could be 300,000 characters).
 */
public final class Decimals {
    public static final int MAX_INTEGER_DIGITS = 9;
    public static final int MAX_SCALE = 24;
    /** Digits in all, trailing zeros included (e.g. "1.500000000" has 10); more is refused before any work. */
    public static final int MAX_PRECISION = 40;
    public static final String OUT_OF_BOUNDS = "decimal.out_of_bounds";

    private Decimals() {
    }

    /** Whether {@code value} (not null) is within the bounds. */
    public static boolean within(BigDecimal value) {
        if (value.precision() > MAX_PRECISION) {
            return false;
        }
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = stripped.scale();
        // digits before the point: precision − scale (scale may be negative: 1e300000 has scale −300000)
        long integerDigits = (long) stripped.precision() - scale;
        return scale <= MAX_SCALE && integerDigits <= MAX_INTEGER_DIGITS;
    }

    /** The problem with {@code value} at {@code field}, if it is out of bounds; nothing for {@code null}. */
    public static Optional<FieldProblem> problem(String field, BigDecimal value) {
        return value == null || within(value) ? Optional.empty()
                : Optional.of(FieldProblem.of(field, OUT_OF_BOUNDS, MAX_INTEGER_DIGITS, MAX_SCALE));
    }

    /** {@code value} itself when within bounds (or {@code null}), else an {@link InvalidException} naming the field. */
    public static BigDecimal bounded(String field, BigDecimal value) {
        Optional<FieldProblem> p = problem(field, value);
        if (p.isPresent()) {
            throw new InvalidException(java.util.List.of(p.get()));
        }
        return value;
    }
}
