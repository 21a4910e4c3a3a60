package com.tanfang.scoring;

import java.math.BigDecimal;

/** The special bonus (特殊加分), applied after pro-rating and capped at the scheme's max bonus. */
public record Bonus(BigDecimal points, String reason) {
    public static Bonus of(String points, String reason) {
        return new Bonus(new BigDecimal(points), reason);
    }
}
