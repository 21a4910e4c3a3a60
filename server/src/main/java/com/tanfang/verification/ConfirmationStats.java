package com.tanfang.verification;

import com.tanfang.statistics.Rate;

import java.util.Optional;

/**
 * The outcome of a campaign's call-backs. Rates are over the respondents <b>reached</b> (confirmed + denied):
 * an unreachable respondent says nothing about whether the answer was genuine and is replaced from the reserve.
 */
public record ConfirmationStats(long confirmed, long denied, long unreachable) {
    public ConfirmationStats {
        if (confirmed < 0 || denied < 0 || unreachable < 0) {
            throw new IllegalArgumentException("negative call-back count");
        }
    }

    public long reached() {
        return confirmed + denied;
    }

    /** Confirmed / reached with its 95 % Wilson interval; empty before anybody was reached. */
    public Optional<Rate> confirmationRate() {
        return reached() == 0 ? Optional.empty() : Optional.of(Rate.of(confirmed, reached()));
    }

    /** Denied ("I never answered") / reached with its 95 % Wilson interval. */
    public Optional<Rate> denialRate() {
        return reached() == 0 ? Optional.empty() : Optional.of(Rate.of(denied, reached()));
    }

    /** Whether the observed denial rate is above the policy's maximum (strictly; compared exactly). */
    public boolean denialExceeds(CallBackPolicy policy) {
        return denialRate().map(r -> r.value().compareTo(policy.maxDenialRate()) > 0).orElse(false);
    }
}
