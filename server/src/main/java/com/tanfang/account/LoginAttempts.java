package com.tanfang.account;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts a login attempt before its password is checked, atomically per user name, so that a burst of parallel
 * guesses gets exactly {@link LockoutPolicy#freeFailures()} password checks and the rest are refused as locked,
 * whichever instance they reach. (Checking first and counting after let 62 of 100 parallel guesses through.)
 * A successful login clears the count, so the attempt it reserved costs nothing.
 */
@Singleton
public class LoginAttempts {
    private final LoginThrottleRepository throttle;
    private final LockoutPolicy policy = LockoutPolicy.DEFAULT;
    private final Clock clock;

    public LoginAttempts(LoginThrottleRepository throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Reserves one attempt; empty when the password may be checked, else the instant the lock ends. */
    @Transactional
    public Optional<Instant> reserve(String key) {
        Instant now = clock.instant();
        throttle.ensureRow(key, now);
        LoginThrottleRepository.Row row = throttle.lockRow(key);
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            return Optional.of(row.lockedUntil());
        }
        boolean windowOver = row.lastFailure().isBefore(now.minusSeconds(policy.windowSeconds()));
        int failures = windowOver ? 1 : row.failures() + 1;
        long lockSeconds = policy.lockSecondsAfter(failures);
        throttle.update(key, failures, now, lockSeconds > 0 ? now.plusSeconds(lockSeconds) : null);
        return Optional.empty();
    }

    public void succeeded(String key) {
        throttle.clear(key);
    }
}
