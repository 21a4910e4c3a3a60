package com.tanfang.scheme;

/**
 * What a rater answers for an item, and so how the answer becomes a coefficient 0..1.
 * The conversion itself lives in one place: {@code com.tanfang.scoring.Coefficients}.
 */
public enum AnswerType {
    /** Likert 1..5, mapped by the scheme's {@link LikertMapping}. */
    LIKERT_5,
    /** All or nothing: yes = 1, no = 0. */
    YES_NO,
    /** A maturity percentage 0..100 (at most two decimals); coefficient = percent / 100. */
    PERCENT,
    /** A measured value mapped linearly through the item's {@link NumericRange}. */
    NUMERIC
}
