package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The scheme's table from a Likert answer 1..5 to a coefficient 0..1. The sources give no table
 * (BRIEF §6), so each scheme chooses one:
 * <ul>
 *   <li>{@link Preset#LINEAR}: (answer - 1) / 4, i.e. 0, 0.25, 0.5, 0.75, 1 (the worst answer earns nothing);</li>
 *   <li>{@link Preset#OVER_FIVE}: answer / 5, i.e. 0.2, 0.4, 0.6, 0.8, 1;</li>
 *   <li>{@link Preset#CUSTOM}: five explicit coefficients in 0..1, non-decreasing.</li>
 * </ul>
 * Coefficients are exact decimals.
 */
public record LikertMapping(Preset preset, List<BigDecimal> coefficients) {

    public enum Preset { LINEAR, OVER_FIVE, CUSTOM }

    public static final LikertMapping LINEAR = new LikertMapping(Preset.LINEAR, decimals("0", "0.25", "0.5", "0.75", "1"));
    public static final LikertMapping OVER_FIVE = new LikertMapping(Preset.OVER_FIVE, decimals("0.2", "0.4", "0.6", "0.8", "1"));

    public LikertMapping {
        Objects.requireNonNull(preset, "preset");
        coefficients = List.copyOf(coefficients);
        if (coefficients.size() != 5) {
            throw new IllegalArgumentException("a Likert mapping needs 5 coefficients, got " + coefficients.size());
        }
    }

    /** A custom table; check it with {@link SchemeValidator} before use (range and order are not enforced here). */
    public static LikertMapping custom(List<BigDecimal> coefficients) {
        return new LikertMapping(Preset.CUSTOM, coefficients);
    }

    public static LikertMapping of(Preset preset) {
        return switch (preset) {
            case LINEAR -> LINEAR;
            case OVER_FIVE -> OVER_FIVE;
            case CUSTOM -> throw new IllegalArgumentException("CUSTOM needs explicit coefficients");
        };
    }

    /** The coefficient of a Likert answer 1..5. */
    public BigDecimal coefficient(int answer) {
        if (answer < 1 || answer > 5) {
            throw new IllegalArgumentException("Likert answer must be 1..5, got " + answer);
        }
        return coefficients.get(answer - 1);
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
