package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * 加分项: itemised bonus items, each with its own points, rated yes/no like items (combined by the scheme's
 * {@link Combination}). They stand outside the item table: they are added after pro-rating, never take part
 * in N/A pro-rating, and their sum is capped at {@code cap} (a 100 + 10 scheme: cap 10).
 */
public record BonusItems(BigDecimal cap, List<Item> items) {
    public static final BonusItems NONE = new BonusItems(BigDecimal.ZERO, List.of());

    /** A bonus item: a clause, an optional code, its points and its text. */
    public record Item(String clause, String code, BigDecimal points, String textZh, String textEn) {
        public Item {
            Objects.requireNonNull(clause, "clause");
            Objects.requireNonNull(points, "points");
        }

        public String name() {
            return code != null ? code : clause;
        }
    }

    public BonusItems {
        Objects.requireNonNull(cap, "cap");
        items = List.copyOf(items);
    }
}
