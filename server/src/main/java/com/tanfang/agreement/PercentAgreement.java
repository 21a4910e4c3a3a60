package com.tanfang.agreement;

import com.tanfang.statistics.Rate;

/**
 * The share of items on which the two raters agreed (exactly, or within the tolerance), over the items both
 * rated on the scale. The share is exact ({@link Rate#value()}); its 95 % interval is the Wilson interval of
 * {@link Rate} (the project's interval for a share: at 100 % agreement on a few items the textbook interval
 * would shrink to [1, 1]); the standard error is irrCAC's {@code pa2.table} one, √(p(1 - p) / n).
 */
public record PercentAgreement(Rate rate, double standardError) {
    static PercentAgreement of(long agreeing, long items) {
        Rate rate = Rate.of(agreeing, items);
        double p = (double) agreeing / items;
        return new PercentAgreement(rate, Math.sqrt(p * (1 - p) / items));
    }

    public double value() {
        return rate.value().doubleValue();
    }
}
