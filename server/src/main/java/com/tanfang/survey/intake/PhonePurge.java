package com.tanfang.survey.intake;

import java.time.Clock;

import com.tanfang.survey.campaign.SurveyRepositories;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes phone numbers once a campaign has been closed for longer than its project's retention period.
 * The response and any verification outcome stay. Idempotent, so every instance may run it.
 */
@Singleton
public class PhonePurge {
    private static final Logger LOG = LoggerFactory.getLogger(PhonePurge.class);
    private final SurveyRepositories.Responses responses;

    private final Clock clock;

    public PhonePurge(SurveyRepositories.Responses responses, Clock clock) {
        this.clock = clock;
        this.responses = responses;
    }

    /** Returns how many numbers were deleted. */
    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    @Transactional
    public int purge() {
        int purged = responses.purgeExpiredPhones(clock.instant());
        if (purged > 0) {
            LOG.info("Purged {} phone numbers past their retention period", purged);
        }
        return purged;
    }
}
