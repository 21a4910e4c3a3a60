package com.tanfang.chart;

import com.tanfang.message.Language;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one radar chart definition: the parts (or service characteristics) as axes, the achieved score against full
 * marks, and optionally last year's result as a second line. Every drawing ({@link RadarCharts#png},
 * {@link RadarCharts#svg}) plots {@link Axis#percent()}, so axes with different full marks compare on one scale.
 *
 * @param previousLabel the second line's legend (e.g. "2025"); ignored when no axis has a previous score
 */
public record RadarChart(String title, String currentLabel, String previousLabel, List<Axis> axes) {
    /** The most axes a chart shows: beyond this the labels overlap on a phone (schemes have 2 to 8 parts). */
    public static final int MAX_AXES = 16;

    public RadarChart {
        title = title == null ? "" : title;
        currentLabel = currentLabel == null ? "" : currentLabel;
        previousLabel = previousLabel == null ? "" : previousLabel;
        axes = List.copyOf(axes);
        if (axes.size() > MAX_AXES) {
            throw new IllegalArgumentException("a radar chart shows at most " + MAX_AXES + " axes");
        }
    }

    /**
     * One axis. {@code score} and {@code previousScore} are in the same units as {@code fullMarks}; either may be
     * null (not evaluated), and is then drawn at the centre.
     */
    public record Axis(String label, BigDecimal fullMarks, BigDecimal score, BigDecimal previousScore) {
        public Axis {
            Objects.requireNonNull(label, "label");
            if (fullMarks == null || fullMarks.signum() <= 0) {
                throw new IllegalArgumentException("an axis needs positive full marks: " + label);
            }
        }

        /** The score as a percentage of full marks, 0..100 (clamped: a bonus never draws outside the web). */
        public double percent() {
            return percentOf(score);
        }

        /** Last year's score as a percentage, or NaN when there is none. */
        public double previousPercent() {
            return previousScore == null ? Double.NaN : percentOf(previousScore);
        }

        private double percentOf(BigDecimal value) {
            if (value == null) {
                return 0;
            }
            double p = value.multiply(BigDecimal.valueOf(100)).divide(fullMarks, MathContext.DECIMAL64).doubleValue();
            return Math.max(0, Math.min(100, p));
        }
    }

    public boolean hasPrevious() {
        return axes.stream().anyMatch(a -> a.previousScore() != null);
    }

    /**
     * The chart of a sheet's result (the signed snapshot's {@code result}: parts with {@code key}, titles,
     * {@code points} and {@code score} as exact fractions): one axis per evaluated part, in the scheme's order.
     * {@code previousResult}, when given, adds last year's score of the part with the same key.
     */
    @SuppressWarnings("unchecked")
    public static RadarChart ofParts(Map<String, Object> result, Map<String, Object> previousResult, Language language,
                                     String title, String currentLabel, String previousLabel) {
        List<Axis> axes = new ArrayList<>();
        for (Object o : list(result.get("parts"))) {
            Map<String, Object> part = (Map<String, Object>) o;
            if (Boolean.FALSE.equals(part.get("evaluated"))) {
                continue;
            }
            BigDecimal full = fraction(part.get("points"));
            if (full == null || full.signum() <= 0) {
                continue;
            }
            String zh = text(part.get("titleZh"));
            String en = text(part.get("titleEn"));
            String label = language == Language.EN && en != null && !en.isBlank() ? en
                    : zh != null ? zh : String.valueOf(part.get("key"));
            axes.add(new Axis(label, full, fraction(part.get("score")),
                    previousResult == null ? null : previousScore(previousResult, String.valueOf(part.get("key")))));
        }
        return new RadarChart(title, currentLabel, previousLabel, axes);
    }

    @SuppressWarnings("unchecked")
    private static BigDecimal previousScore(Map<String, Object> previousResult, String key) {
        for (Object o : list(previousResult.get("parts"))) {
            Map<String, Object> part = (Map<String, Object>) o;
            if (key.equals(String.valueOf(part.get("key"))) && !Boolean.FALSE.equals(part.get("evaluated"))) {
                return fraction(part.get("score"));
            }
        }
        return null;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    /** A snapshot figure ({"exact": "a/b", "display": ...}) or a plain number, as a decimal of 6 places. */
    @SuppressWarnings("unchecked")
    static BigDecimal fraction(Object o) {
        Object exact = o instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("exact") : o;
        if (exact == null) {
            return null;
        }
        String s = exact.toString().trim();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return new BigDecimal(s);
        }
        BigDecimal n = new BigDecimal(new BigInteger(s.substring(0, slash).trim()));
        BigDecimal d = new BigDecimal(new BigInteger(s.substring(slash + 1).trim()));
        return n.divide(d, 6, RoundingMode.HALF_EVEN);
    }
}
