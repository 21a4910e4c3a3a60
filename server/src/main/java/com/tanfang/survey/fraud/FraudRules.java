package com.tanfang.survey.fraud;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of {@link FraudSignals}; the sources give none (BRIEF §6), so these are product defaults, each
 * configurable per campaign. Defaults ({@link #DEFAULTS}):
 * <ul>
 *   <li>{@code burstLimit} 5 in {@code burstWindow} 10 minutes: a 6th response from one address within the 10 minutes
 *       up to and including it is flagged;</li>
 *   <li>{@code timePerQuestion} 2 s with {@code minimumDuration} 10 s: faster than max(10 s, 2 s × questions) is
 *       flagged;</li>
 *   <li>{@code straightLiningMinimum} 4: straight-lining is only judged on at least 4 answered (non-don't-know) questions;</li>
 * </ul>
 */
public record FraudRules(int burstLimit, Duration burstWindow, Duration timePerQuestion, Duration minimumDuration,
                         int straightLiningMinimum) {

    public static final FraudRules DEFAULTS = new FraudRules(5, Duration.ofMinutes(10), Duration.ofSeconds(2), Duration.ofSeconds(10), 4);

    public FraudRules {
        Objects.requireNonNull(burstWindow, "burstWindow");
        Objects.requireNonNull(timePerQuestion, "timePerQuestion");
        Objects.requireNonNull(minimumDuration, "minimumDuration");
        if (burstLimit < 1 || burstWindow.isNegative() || burstWindow.isZero() || timePerQuestion.isNegative() || minimumDuration.isNegative()
                || straightLiningMinimum < 2) {
            throw new IllegalArgumentException("fraud rules out of range: " + burstLimit + ", " + burstWindow + ", "
                    + timePerQuestion + ", " + minimumDuration + ", " + straightLiningMinimum);
        }
    }

    /** The shortest plausible completion time of a questionnaire of this size. */
    public Duration minimumCompletion(int questions) {
        Duration perQuestion = timePerQuestion.multipliedBy(questions);
        return perQuestion.compareTo(minimumDuration) > 0 ? perQuestion : minimumDuration;
    }
}
