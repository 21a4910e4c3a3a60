package com.tanfang.agreement;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One rater's answer on one item as agreement sees it: a value on the item's {@link RatingScale} (Likert 1..5,
 * yes = 1 / no = 0, a percent) or N/A. Values compare by number, not by written scale: 70 and 70.00 are the
 * same answer.
 */
public final class Answer {
    private static final Answer NOT_APPLICABLE = new Answer(null);
    private static final Answer YES = new Answer(BigDecimal.ONE);
    private static final Answer NO = new Answer(BigDecimal.ZERO);

    /** Normalised (trailing zeros stripped) so that equals and hashCode follow the number; null for N/A. */
    private final BigDecimal value;

    private Answer(BigDecimal value) {
        this.value = value == null ? null : Numbers.plain(value);
    }

    public static Answer of(BigDecimal value) {
        return new Answer(Objects.requireNonNull(value, "value (use notApplicable() for N/A)"));
    }

    public static Answer of(long value) {
        return of(BigDecimal.valueOf(value));
    }

    public static Answer of(String value) {
        return of(new BigDecimal(value));
    }

    public static Answer yes(boolean yes) {
        return yes ? YES : NO;
    }

    public static Answer notApplicable() {
        return NOT_APPLICABLE;
    }

    public boolean isNotApplicable() {
        return value == null;
    }

    /** The value; empty for N/A. */
    public Optional<BigDecimal> value() {
        return Optional.ofNullable(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Answer answer && Objects.equals(value, answer.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    /** "4", "72.5", "N/A". */
    @Override
    public String toString() {
        return value == null ? "N/A" : value.toPlainString();
    }
}
