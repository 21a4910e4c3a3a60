package com.tanfang;

import com.tanfang.platform.Clocks;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The server's clock in tests: the system clock until a test moves it. {@link #advance} shifts time and lets it run
 * on; {@link #freeze} stops it at an instant (for exact window arithmetic). One context is shared by a test class,
 * so a test that moves the clock must call {@link #reset} afterwards (an {@code @AfterEach}).
 */
@Singleton
@Requires(env = "test")
@Replaces(bean = Clock.class, factory = Clocks.class)
public class MutableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    @Override
    public Instant instant() {
        Instant at = frozen;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server's clock is UTC");
    }

    /** Moves time forward (or back, when negative). */
    public synchronized void advance(Duration by) {
        if (frozen != null) {
            frozen = frozen.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    /** Stops the clock at {@code at}. */
    public synchronized void freeze(Instant at) {
        frozen = at;
    }

    /** Back to the system clock. */
    public synchronized void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }
}
