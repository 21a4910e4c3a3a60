package com.tanfang.visit.planning;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts claims that were not confirmed by a check-in in time back into the pool, every five minutes, with a
 * {@code visit.expire_claim} evidence row (system actor). Reads never write: until this job (or a write path:
 * claim, assign, unassign, check-in) has run, readers treat an expired claim as expired without recording it.
 */
@Singleton
public class ClaimExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimExpiry.class);
    private final VisitPlanning planning;

    public ClaimExpiry(VisitPlanning planning) {
        this.planning = planning;
    }

    @Scheduled(fixedDelay = "${tanfang.visits.claim-expiry-interval:5m}",
            initialDelay = "${tanfang.visits.claim-expiry-interval:5m}")
    public void run() {
        int expired = planning.expireClaims();
        if (expired > 0) {
            LOG.info("{} unconfirmed visit claim(s) went back to the pool", expired);
        }
    }
}
