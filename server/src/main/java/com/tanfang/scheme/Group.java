package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** An indicator / service characteristic (e.g. 5.2.4 维修 Repair, 10 points) holding its leaf items. */
public record Group(String clause, String titleZh, String titleEn, BigDecimal points, List<Item> items) {
    public Group {
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(points, "points");
        items = List.copyOf(items);
    }
}
