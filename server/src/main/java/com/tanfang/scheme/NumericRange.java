package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Maps a measured value of a {@link AnswerType#NUMERIC} item to a coefficient:
 * {@code (value - worst) / (best - worst)}, clamped to 0..1.
 * <p>{@code best} may be below {@code worst} for "lower is better" measures, e.g. waiting time in
 * minutes with worst 30 and best 5: 5 minutes or less scores 1, 30 or more scores 0, 17.5 scores 0.5.
 * {@code worst} and {@code best} must differ.
 */
public record NumericRange(BigDecimal worst, BigDecimal best) {
    public NumericRange {
        Objects.requireNonNull(worst, "worst");
        Objects.requireNonNull(best, "best");
    }
}
