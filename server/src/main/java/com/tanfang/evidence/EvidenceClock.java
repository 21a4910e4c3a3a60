package com.tanfang.evidence;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * A system clock for the evidence log until the platform provides the application's {@link Clock} bean (task D).
 * {@code @Secondary}: once a platform Clock exists it wins and this fallback can be deleted.
 */
@Factory
class EvidenceClock {
    @Singleton
    @Secondary
    Clock evidenceFallbackClock() {
        return Clock.systemUTC();
    }
}
