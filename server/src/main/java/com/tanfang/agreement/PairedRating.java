package com.tanfang.agreement;

import java.util.Objects;

/**
 * Two raters' answers on the same item: {@code first} by the pair's first rater, {@code second} by the other.
 * Which rater is "first" does not matter to any statistic (swapping them changes nothing).
 *
 * @param item the item's code (e.g. "B11"), unique within one computation
 */
public record PairedRating(String item, Answer first, Answer second) {
    public PairedRating {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    public static PairedRating of(String item, long first, long second) {
        return new PairedRating(item, Answer.of(first), Answer.of(second));
    }

    /** The same item with the raters swapped. */
    public PairedRating swapped() {
        return new PairedRating(item, second, first);
    }
}
