package com.tanfang.survey.results;

import com.tanfang.survey.campaign.SurveyRepositories;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the survey tallies' changes into the tallies every few seconds (V26). Between folds a results read sums
 * the changes written since the last fold, so what a read costs is bounded by the writes of a few seconds, not by
 * the campaign's size. The results are exact whether or not a fold has run; folding only keeps them fast. One
 * instance folds at a time (an advisory lock); the others skip that round.
 */
@Singleton
public class SurveyTallyFolding {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyTallyFolding.class);
    private final SurveyRepositories.Responses responses;

    public SurveyTallyFolding(SurveyRepositories.Responses responses) {
        this.responses = responses;
    }

    /** The change rows folded, or -1 when another instance was folding. */
    @Scheduled(fixedDelay = "${tanfang.survey.tally-fold-interval:5s}",
            initialDelay = "${tanfang.survey.tally-fold-interval:5s}")
    @Transactional
    public long fold() {
        long folded = responses.foldTallies();
        if (folded > 10_000) {
            LOG.info("Folded {} survey tally changes", folded);
        }
        return folded;
    }
}
