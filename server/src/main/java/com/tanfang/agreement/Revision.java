package com.tanfang.agreement;

import java.util.Objects;

/**
 * One rater's rating of one item before and after reconciliation: {@code confirmed} is the lead's final rating
 * where the item was reconciled, else the original itself (every rating counts, not only the reconciled
 * ones, so that the change rate reads "of all this rater's ratings, this share was changed").
 */
public record Revision(String rater, String item, Answer original, Answer confirmed) {
    public Revision {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(confirmed, "confirmed");
    }

    public boolean changed() {
        return !original.equals(confirmed);
    }
}
