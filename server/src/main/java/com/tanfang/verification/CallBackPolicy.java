package com.tanfang.verification;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * When call-backs count as failed; the sources give no figures (BRIEF §6), so these are product defaults:
 * a denial rate above {@code maxDenialRate} (default 5 %) raises an alarm, and a respondent not reached after
 * {@code attemptsBeforeUnreachable} calls (default 3) is unreachable and replaced by the next reserve id.
 */
public record CallBackPolicy(BigDecimal maxDenialRate, int attemptsBeforeUnreachable) {
    public static final CallBackPolicy DEFAULTS = new CallBackPolicy(new BigDecimal("0.05"), 3);

    public CallBackPolicy {
        Objects.requireNonNull(maxDenialRate, "maxDenialRate");
        if (maxDenialRate.signum() < 0 || maxDenialRate.compareTo(BigDecimal.ONE) > 0 || attemptsBeforeUnreachable < 1) {
            throw new IllegalArgumentException("call-back policy out of range: " + maxDenialRate + ", " + attemptsBeforeUnreachable);
        }
    }

    public boolean isUnreachable(int failedAttempts) {
        return failedAttempts >= attemptsBeforeUnreachable;
    }
}
