package com.tanfang.scoring;

import java.math.BigDecimal;

/**
 * A special deduction (特殊扣分): applied after pro-rating; each needs rectification.
 *
 * @param points {@code null} = the scheme's points per deduction
 */
public record Deduction(String reason, BigDecimal points) {
    public static Deduction of(String reason) {
        return new Deduction(reason, null);
    }
}
