package com.tanfang.agreement;

import java.math.BigDecimal;

/** Values compare and print by number: 70.00 → 70 (not 7E+1, which is what stripTrailingZeros alone gives). */
final class Numbers {
    private Numbers() {
    }

    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
