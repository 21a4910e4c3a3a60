package com.tanfang.agreement;

import com.tanfang.message.InvalidException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ordered categories a rating can take: Likert 1..5, yes/no (no = 0, yes = 1), a percent in steps (0, 10,
 * …, 100). The full scale, not just the categories the raters happened to use, because Gwet's chance agreement
 * depends on how many categories there are and the linear and quadratic weights on the scale's range.
 */
public final class RatingScale {
    /** A percent scale in steps of 1 is the finest the schemes use: 101 categories. */
    public static final int MAX_CATEGORIES = 101;

    private final List<BigDecimal> categories;
    private final Map<BigDecimal, Integer> index;

    private RatingScale(List<BigDecimal> categories) {
        this.categories = categories;
        Map<BigDecimal, Integer> positions = new HashMap<>();
        for (int k = 0; k < categories.size(); k++) {
            positions.put(categories.get(k), k);
        }
        this.index = positions;
    }

    /**
     * A scale of strictly increasing values, between 2 and {@link #MAX_CATEGORIES} of them.
     *
     * @throws InvalidException {@code agreement.scale_invalid} otherwise
     */
    public static RatingScale of(List<BigDecimal> values) {
        if (values == null || values.size() < 2 || values.size() > MAX_CATEGORIES) {
            throw InvalidException.field("scale", "agreement.scale_invalid", MAX_CATEGORIES);
        }
        List<BigDecimal> normalised = new ArrayList<>(values.size());
        for (BigDecimal value : values) {
            if (value == null || (!normalised.isEmpty() && value.compareTo(normalised.get(normalised.size() - 1)) <= 0)) {
                throw InvalidException.field("scale", "agreement.scale_invalid", MAX_CATEGORIES);
            }
            normalised.add(Numbers.plain(value));
        }
        return new RatingScale(Collections.unmodifiableList(normalised));
    }

    /** Likert {@code lowest}..{@code highest} in steps of one (1..5 in the schemes). */
    public static RatingScale likert(int lowest, int highest) {
        if (highest <= lowest || (long) highest - lowest + 1 > MAX_CATEGORIES) {
            throw InvalidException.field("scale", "agreement.scale_invalid", MAX_CATEGORIES);
        }
        List<BigDecimal> values = new ArrayList<>();
        for (int v = lowest; v <= highest; v++) {
            values.add(BigDecimal.valueOf(v));
        }
        return of(values);
    }

    /** No = 0, yes = 1: see {@link Answer#yes(boolean)}. */
    public static RatingScale yesNo() {
        return of(List.of(BigDecimal.ZERO, BigDecimal.ONE));
    }

    /**
     * Percent 0..100 in {@code step}s; the step must divide 100 into at most 100 steps (1, 2.5, 5, 10, 20, 25, 50).
     */
    public static RatingScale percent(BigDecimal step) {
        BigDecimal hundred = BigDecimal.valueOf(100);
        if (step == null || step.signum() <= 0 || step.compareTo(hundred) > 0 || step.compareTo(BigDecimal.ONE) < 0
                || hundred.remainder(step).signum() != 0) {
            throw InvalidException.field("scale", "agreement.percent_step_invalid");
        }
        List<BigDecimal> values = new ArrayList<>();
        for (BigDecimal v = BigDecimal.ZERO; v.compareTo(hundred) <= 0; v = v.add(step)) {
            values.add(v);
        }
        return of(values);
    }

    public List<BigDecimal> categories() {
        return categories;
    }

    public int size() {
        return categories.size();
    }

    public BigDecimal lowest() {
        return categories.get(0);
    }

    public BigDecimal highest() {
        return categories.get(categories.size() - 1);
    }

    /** The position of {@code answer} on the scale; empty for N/A or a value that is not one of the categories. */
    public OptionalInt indexOf(Answer answer) {
        if (answer.isNotApplicable()) {
            return OptionalInt.empty();
        }
        Integer k = index.get(answer.value().orElseThrow());
        return k == null ? OptionalInt.empty() : OptionalInt.of(k);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RatingScale scale && categories.equals(scale.categories);
    }

    @Override
    public int hashCode() {
        return categories.hashCode();
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        categories.forEach(c -> shown.add(c.toPlainString()));
        return String.join(", ", shown);
    }
}
